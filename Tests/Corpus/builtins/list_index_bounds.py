xs = [1, 2, 1, 2]
print(xs.index(2), xs.index(1, 1), xs.index(2, -1), xs.index(1, -2, 4))  # expect: 1 2 3 2
xs.index(1, 3)
# expect-error: ValueError: 1 is not in list
