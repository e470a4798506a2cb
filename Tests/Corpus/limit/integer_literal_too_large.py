# cnb-only: ints are 64-bit; a larger literal raises OverflowError when evaluated.
print("before")  # expect: before
x = 123456789012345678901234567890
# expect-error: OverflowError: integer literal too large: 123456789012345678901234567890
