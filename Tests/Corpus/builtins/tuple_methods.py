t = (1, 2, 2, 3)
print(t.count(2), t.index(3), t[1:3], t[::-1])  # expect: 2 3 (2, 2) (3, 2, 2, 1)
