def f(x, y, z=1):
    return x
f()
# expect-error: TypeError: f() missing 2 required positional arguments: 'x' and 'y'
