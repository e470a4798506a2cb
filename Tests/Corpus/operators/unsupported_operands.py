print([1] - [1])
# expect-error: TypeError: unsupported operand type(s) for -: 'list' and 'list'
