print(0, 7, -3)  # expect: 0 7 -3
print(1_000_000)  # expect: 1000000
print(0x1F, 0o17, 0b101)  # expect: 31 15 5
print(9223372036854775807)  # expect: 9223372036854775807
