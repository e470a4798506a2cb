try:
    1 / 0
except ZeroDivisionError:
    print("caught")  # expect: caught
try:
    [][0]
except (KeyError, IndexError) as e:
    print(type(e).__name__, e)  # expect: IndexError list index out of range
