# cnb-only: generator functions are not supported; generator expressions are.
def gen():
    yield 1
# expect-syntax-error: SyntaxError: invalid syntax
