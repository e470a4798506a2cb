print([1, 2, 3], [])  # expect: [1, 2, 3] []
print((1,), (), (1, 2))  # expect: (1,) () (1, 2)
print({'a': 1, 'b': [2]})  # expect: {'a': 1, 'b': [2]}
print({3}, {})  # expect: {3} {}
print([1, [2, (3, {4: 'x'})]])  # expect: [1, [2, (3, {4: 'x'})]]
print([1, 2,])  # expect: [1, 2]
