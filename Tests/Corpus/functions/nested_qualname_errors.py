def outer():
    def inner(x):
        return x
    return inner()
outer()
# expect-error: TypeError: outer.<locals>.inner() missing 1 required positional argument: 'x'
