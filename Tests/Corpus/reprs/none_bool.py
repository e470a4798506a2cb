print(repr(None), repr(True), repr(False))  # expect: None True False
print([None, False])  # expect: [None, False]
