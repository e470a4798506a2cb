total = 0
def add():
    total += 1
add()
# expect-error: UnboundLocalError: cannot access local variable 'total' where it is not associated with a value
