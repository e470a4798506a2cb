[1, 2][::0]
# expect-error: ValueError: slice step cannot be zero
