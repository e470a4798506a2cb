print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2], [3, 4])))  # expect: ['1', '2'] [3, 8]
print(list(filter(None, [0, 1, "", "x"])))  # expect: [1, 'x']
print(any([]), all([]), any([0, 1]), all([1, 0]))  # expect: False True True False
