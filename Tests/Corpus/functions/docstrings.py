def f():
    """Computes nothing."""
    return 1
def g():
    return 2
print(f.__doc__)  # expect: Computes nothing.
print(g.__doc__)  # expect: None
print(f(), f.__name__)  # expect: 1 f
