# cnb-only: ints are 64-bit; counting past the largest int raises OverflowError.
print(list(enumerate("ab", 9223372036854775806)))  # expect: [(9223372036854775806, 'a'), (9223372036854775807, 'b')]
list(enumerate("abc", 9223372036854775806))
# expect-error: OverflowError: enumerate index overflows 64 bits
