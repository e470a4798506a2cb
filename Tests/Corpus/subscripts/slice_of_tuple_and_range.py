t = tuple(range(6))
print(t[1:5:2], t[::-2])  # expect: (1, 3) (5, 3, 1)
r = range(0, 20, 2)
print(r[2], r[-1], list(r[1:4]))  # expect: 4 18 [2, 4, 6]
