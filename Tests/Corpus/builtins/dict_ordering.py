d = {}
d['z'] = 1
d['a'] = 2
d['m'] = 3
print(d)  # expect: {'z': 1, 'a': 2, 'm': 3}
d['z'] = 10
print(list(d))  # expect: ['z', 'a', 'm']
del d['z']
d['z'] = 0
print(d)  # expect: {'a': 2, 'm': 3, 'z': 0}
print({1: 'int', 1.0: 'float'})  # expect: {1: 'float'}
