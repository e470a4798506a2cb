min([])
# expect-error: ValueError: min() arg is an empty sequence
