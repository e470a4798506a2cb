class Plain:
    pass
with Plain():
    pass
# expect-error: TypeError: 'Plain' object does not support the context manager protocol
