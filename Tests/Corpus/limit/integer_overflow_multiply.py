# cnb-only: ints are 64-bit; leaving that range raises OverflowError instead of growing.
big = 9223372036854775807
try:
    big + 1
except OverflowError as e:
    print(e)  # expect: integer addition overflows 64 bits
print(big * 2)
# expect-error: OverflowError: integer multiplication overflows 64 bits
