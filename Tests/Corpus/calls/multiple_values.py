def f(x, y):
    return x
f(1, x=2)
# expect-error: TypeError: f() got multiple values for argument 'x'
