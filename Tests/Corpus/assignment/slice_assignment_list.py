xs = list(range(6))
xs[1:4] = []
print(xs)  # expect: [0, 4, 5]
xs[:0] = [9, 8]
print(xs)  # expect: [9, 8, 0, 4, 5]
xs[-1:] = [7, 7]
print(xs)  # expect: [9, 8, 0, 4, 7, 7]
