def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3))  # expect: (1, 2, (), 3, 4, {})
print(f(1, 5, 6, 7, c=3, e=8))  # expect: (1, 5, (6, 7), 3, 4, {'e': 8})
