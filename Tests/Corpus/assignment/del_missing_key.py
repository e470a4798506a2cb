d = {}
del d['missing']
# expect-error: KeyError: 'missing'
