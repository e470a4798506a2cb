int('3.5')
# expect-error: ValueError: invalid literal for int() with base 10: '3.5'
