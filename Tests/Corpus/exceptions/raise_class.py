try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "")  # expect: ValueError() True
