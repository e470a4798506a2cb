[].pop()
# expect-error: IndexError: pop from empty list
