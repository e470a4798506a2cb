print(1.5 / 0)
# expect-error: ZeroDivisionError: float division by zero
