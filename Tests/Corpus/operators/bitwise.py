print(6 & 3, 6 | 3, 6 ^ 3)  # expect: 2 7 5
print(1 << 4, 256 >> 2)  # expect: 16 64
print(True & False, True | False)  # expect: False True
