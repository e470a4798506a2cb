print([1, 2] < [1, 3], [1, 2] < [1, 2, 0])  # expect: True True
print((1, 'b') > (1, 'a'))  # expect: True
print([1, [2]] == [1, [2]])  # expect: True
print((1, 2) == [1, 2])  # expect: False
print({'a': 1, 'b': 2} == {'b': 2, 'a': 1})  # expect: True
