print('%d' % (1, 2))
# expect-error: TypeError: not all arguments converted during string formatting
