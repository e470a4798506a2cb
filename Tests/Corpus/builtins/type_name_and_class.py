print((1).__class__.__name__, "s".__class__ is str)  # expect: int True
print(type(type(1)).__name__)  # expect: type
