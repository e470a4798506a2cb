x = 5
x.foo
# expect-error: AttributeError: 'int' object has no attribute 'foo'
