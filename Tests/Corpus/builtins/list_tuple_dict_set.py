print(list(), list("ab"), list((1, 2)), list({'k': 1}))  # expect: [] ['a', 'b'] [1, 2] ['k']
print(tuple([1]), tuple())  # expect: (1,) ()
print(dict(a=1, b=2), dict([('x', 1)]), dict({'y': 2}, z=3))  # expect: {'a': 1, 'b': 2} {'x': 1} {'y': 2, 'z': 3}
print(dict(zip("ab", [1, 2])))  # expect: {'a': 1, 'b': 2}
print(set([1, 1, 2]), set())  # expect: {1, 2} set()
