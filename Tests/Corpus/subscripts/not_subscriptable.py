x = 5
x[0]
# expect-error: TypeError: 'int' object is not subscriptable
