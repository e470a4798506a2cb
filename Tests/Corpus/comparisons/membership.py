print(2 in [1, 2, 3], 4 not in (1, 2))  # expect: True True
print('a' in {'a': 1}, 1 in {'a': 1})  # expect: True False
print(3 in range(0, 10, 3), 4 in range(0, 10, 3))  # expect: True False
print(2 in {1, 2})  # expect: True
print(1.0 in [1])  # expect: True
