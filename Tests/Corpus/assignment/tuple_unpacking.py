a, b = 1, 2
print(a, b)  # expect: 1 2
a, b = b, a
print(a, b)  # expect: 2 1
(c, d), e = (3, 4), 5
print(c, d, e)  # expect: 3 4 5
[f, g] = "xy"
print(f, g)  # expect: x y
h, = [9]
print(h)  # expect: 9
