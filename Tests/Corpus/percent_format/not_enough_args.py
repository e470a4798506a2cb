print('%d %d' % (1,))
# expect-error: TypeError: not enough arguments for format string
