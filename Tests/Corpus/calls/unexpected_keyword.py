def f(x):
    return x
f(1, y=2)
# expect-error: TypeError: f() got an unexpected keyword argument 'y'
