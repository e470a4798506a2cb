print(hash(-1), hash(-2), hash(-1.0), hash(1) == hash(1.0) == hash(True))  # expect: -2 -2 -2 True
print(hash((1, 2)) == hash((1, 2)), hash("s") == hash("s"))  # expect: True True
