def f():
    try:
        raise ValueError("v")
    except ValueError as e:
        msg = str(e)
    try:
        return e
    except UnboundLocalError:
        return "unbound after handler: " + msg
print(f())  # expect: unbound after handler: v
