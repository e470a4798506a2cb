x = [1, 2,
print(x)
# expect-syntax-error: SyntaxError: '[' was never closed
