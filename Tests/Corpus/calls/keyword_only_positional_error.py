def f(a, *, key=None):
    return a
f(1, 2)
# expect-error: TypeError: f() takes 1 positional argument but 2 were given
