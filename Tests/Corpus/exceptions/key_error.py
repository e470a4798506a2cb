d = {'a': 1}
d['k']
# expect-error: KeyError: 'k'
