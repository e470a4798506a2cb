print(int('12'), int(' -7 '), int('+3'))  # expect: 12 -7 3
print(int(3.9), int(-3.9), int(True))  # expect: 3 -3 1
print(int('ff', 16), int('0x1f', 16), int('101', 2))  # expect: 255 31 5
print(int(), int('1_000'))  # expect: 0 1000
