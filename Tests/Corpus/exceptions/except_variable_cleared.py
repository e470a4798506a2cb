try:
    raise ValueError("x")
except ValueError as err:
    pass
print("err" in dir())  # expect: False
