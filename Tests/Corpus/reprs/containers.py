print([1, 'two', 3.0, None, True])  # expect: [1, 'two', 3.0, None, True]
print((1,), (), ((1, 2), [3]))  # expect: (1,) () ((1, 2), [3])
print({'k': (1, 'v')}, {})  # expect: {'k': (1, 'v')} {}
print({1, 2, 3}, set(), frozenset([1]))  # expect: {1, 2, 3} set() frozenset({1})
print([[]], [{}], [()])  # expect: [[]] [{}] [()]
