d = {'a': 1}
d['b'] = 2
print(list(d.keys()), list(d.values()), list(d.items()))  # expect: ['a', 'b'] [1, 2] [('a', 1), ('b', 2)]
print(d.get('a'), d.get('z'), d.get('z', 0))  # expect: 1 None 0
print(d.pop('a'), d)  # expect: 1 {'b': 2}
print(d.setdefault('c', 3), d.setdefault('b', 9), d)  # expect: 3 2 {'b': 2, 'c': 3}
d.update({'d': 4}, e=5)
print(d)  # expect: {'b': 2, 'c': 3, 'd': 4, 'e': 5}
print('b' in d, 'z' in d, len(d))  # expect: True False 4
