return 1
# expect-syntax-error: SyntaxError: 'return' outside function
