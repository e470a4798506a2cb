a, b = {1, 2, 3}, {3, 4}
print(a.isdisjoint({9}), a.issuperset({1, 2}), a.symmetric_difference(b))  # expect: True True {1, 2, 4}
print({1} <= {1, 2}, {1, 2} < {1, 2}, {1, 2} >= {2}, {1} > {1})  # expect: True False True False
print(a ^ b, frozenset({1}) == {1})  # expect: {1, 2, 4} True
