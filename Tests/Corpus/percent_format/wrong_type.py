print('%d' % 'x')
# expect-error: TypeError: %d format: a real number is required, not str
