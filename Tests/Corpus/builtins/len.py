print(len([1, 2]), len("abc"), len({}), len((1,)), len({1, 2}), len(range(5)))  # expect: 2 3 0 1 2 5
len(5)
# expect-error: TypeError: object of type 'int' has no len()
