def f():
    return missing + 1
f()
# expect-error: NameError: name 'missing' is not defined
