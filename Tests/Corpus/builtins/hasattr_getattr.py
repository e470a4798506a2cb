print(hasattr("s", "upper"), hasattr(1, "nope"))  # expect: True False
print(getattr("abc", "upper")())  # expect: ABC
print(getattr(1, "nope", "fallback"))  # expect: fallback
getattr(1, "nope")
# expect-error: AttributeError: 'int' object has no attribute 'nope'
