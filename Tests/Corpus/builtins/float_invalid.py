float('abc')
# expect-error: ValueError: could not convert string to float: 'abc'
