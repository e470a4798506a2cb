sq = lambda x: x * x
print(sq(4))  # expect: 16
add = lambda a, b=1: a + b
print(add(1), add(1, 2))  # expect: 2 3
print((lambda *a, **k: (a, k))(1, z=2))  # expect: ((1,), {'z': 2})
print(sorted([3, 1, 2], key=lambda v: -v))  # expect: [3, 2, 1]
