t = (1,)
t[-2]
# expect-error: IndexError: tuple index out of range
