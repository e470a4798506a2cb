print([1 / x for x in [1, 0]])
# expect-error: ZeroDivisionError: division by zero
