# Fuzzing found int(text, base) trapping for a base outside 2...36.
for base in [56, 1, -2, 37]:
    try:
        int('ff', base)
    except ValueError as e:
        print(e)
# expect: int() base must be >= 2 and <= 36, or 0
# expect: int() base must be >= 2 and <= 36, or 0
# expect: int() base must be >= 2 and <= 36, or 0
# expect: int() base must be >= 2 and <= 36, or 0
print(int('0x1f', 0), int('0b101', 0), int('0o17', 0), int('42', 0))  # expect: 31 5 15 42
try:
    int('--5', 10)
except ValueError as e:
    print(e)  # expect: invalid literal for int() with base 10: '--5'
