print(None, True, False)  # expect: None True False
print(...)  # expect: Ellipsis
print(True + True)  # expect: 2
