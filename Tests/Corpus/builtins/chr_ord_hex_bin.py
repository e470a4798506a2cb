print(chr(65), ord("a"), chr(0x4e2d))  # expect: A 97 中
print(hex(255), bin(5), oct(8), hex(-1))  # expect: 0xff 0b101 0o10 -0x1
