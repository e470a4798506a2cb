xs = list(range(10))
print(xs[::-1])  # expect: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]
print(xs[8:2:-2])  # expect: [8, 6, 4]
print(xs[-2::-3])  # expect: [8, 5, 2]
print(xs[:-8:-3])  # expect: [9, 6, 3]
print(xs[2:8:-1], xs[100:], xs[-100:2])  # expect: [] [] [0, 1]
print(xs[slice(1, 4)], xs[slice(None, None, 4)])  # expect: [1, 2, 3] [0, 4, 8]
