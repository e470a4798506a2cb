# cnb-only: ints are 64-bit; a larger decimal string raises OverflowError.
print(int("-9223372036854775808"))  # expect: -9223372036854775808
int("9223372036854775808")
# expect-error: OverflowError: int too large to convert to a 64-bit integer
