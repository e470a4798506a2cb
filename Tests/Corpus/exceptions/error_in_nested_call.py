def a():
    return b()
def b():
    return {}["missing"]
a()
# expect-error: KeyError: 'missing'
