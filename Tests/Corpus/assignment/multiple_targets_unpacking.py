a, b = c = (1, 2)
print(a, b, c)  # expect: 1 2 (1, 2)
x = [0, 0]
i = 0
i, x[i] = 1, 5
print(i, x)  # expect: 1 [0, 5]
