class C:
    pass
C().nope
# expect-error: AttributeError: 'C' object has no attribute 'nope'
