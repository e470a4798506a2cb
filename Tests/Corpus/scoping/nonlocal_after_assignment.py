def outer():
    x = 1
    def inner():
        x = 2
        nonlocal x
    return inner
# expect-syntax-error: SyntaxError: name 'x' is assigned to before nonlocal declaration
