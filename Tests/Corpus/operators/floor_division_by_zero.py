print(1 // 0)
# expect-error: ZeroDivisionError: integer division or modulo by zero
