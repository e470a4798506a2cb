def inner(a, b=2, *, scale=1):
    return (a + b) * scale
def outer(*args, **kwargs):
    return inner(*args, **kwargs)
print(outer(1))  # expect: 3
print(outer(1, 3, scale=10))  # expect: 40
print(outer(a=5, scale=2))  # expect: 14
