def g(*args, sep):
    return args
g(1)
# expect-error: TypeError: g() missing 1 required keyword-only argument: 'sep'
