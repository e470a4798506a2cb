nonlocal x
# expect-syntax-error: SyntaxError: nonlocal declaration not allowed at module level
