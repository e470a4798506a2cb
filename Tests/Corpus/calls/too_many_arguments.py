def f(x, y):
    return x
f(1, 2, 3)
# expect-error: TypeError: f() takes 2 positional arguments but 3 were given
