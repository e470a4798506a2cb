xs = [0, 1, 2, 3]
xs[::2] = [1, 2, 3]
# expect-error: ValueError: attempt to assign sequence of size 3 to extended slice of size 2
