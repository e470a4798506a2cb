print(1 / 0)
# expect-error: ZeroDivisionError: division by zero
