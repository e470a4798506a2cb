x = 3
print("big" if x > 2 else "small")  # expect: big
print("a" if x == 1 else "b" if x == 2 else "c")  # expect: c
