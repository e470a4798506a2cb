a, *b, c = [1]
# expect-error: ValueError: not enough values to unpack (expected at least 2, got 1)
