x = = 1
# expect-syntax-error: SyntaxError: invalid syntax
