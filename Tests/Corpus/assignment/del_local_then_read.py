def f():
    v = 1
    del v
    return v
f()
# expect-error: UnboundLocalError: cannot access local variable 'v' where it is not associated with a value
