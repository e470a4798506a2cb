def f():
    nonlocal x
# expect-syntax-error: SyntaxError: no binding for nonlocal 'x' found
