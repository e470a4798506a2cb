xs = [1, 2, 3]
xs[3]
# expect-error: IndexError: list index out of range
