print("{:{}}|{:>{w}}|".format(1, 3, "x", w=4))  # expect:   1|   x|
print("{0:{1}.{2}f}".format(3.14159, 8, 2))  # expect:     3.14
