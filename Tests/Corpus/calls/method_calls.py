xs = [3, 1, 2]
xs.sort()
print(xs)  # expect: [1, 2, 3]
m = xs.append
m(4)
print(xs)  # expect: [1, 2, 3, 4]
print("a-b".split("-")[1].upper())  # expect: B
