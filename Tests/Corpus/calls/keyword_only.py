def f(a, *, key=None, reverse=False):
    return a, key, reverse
print(f(1, reverse=True))  # expect: (1, None, True)
def g(*args, sep):
    return sep.join(args)
print(g("a", "b", sep="-"))  # expect: a-b
