if True:
        x = 1
    y = 2
# expect-syntax-error: IndentationError: unindent does not match any outer indentation level
