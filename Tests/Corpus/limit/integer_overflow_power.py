# cnb-only: ints are 64-bit; leaving that range raises OverflowError instead of growing.
print(2 ** 62)  # expect: 4611686018427387904
x = 2 ** 64
# expect-error: OverflowError: integer power overflows 64 bits
