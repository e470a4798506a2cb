d = {True: 'a'}
d[1] = 'b'
d[1.0] = 'c'
print(d, len(d))  # expect: {True: 'c'} 1
print(sorted({'b': 1, 'a': 2}))  # expect: ['a', 'b']
