a = b = c = 0
print(a, b, c)  # expect: 0 0 0
x = y = []
x.append(1)
print(y, x is y)  # expect: [1] True
i = j = 5
i += 1
print(i, j)  # expect: 6 5
