print(int(1e18))  # expect: 1000000000000000000
int(float('inf'))
# expect-error: OverflowError: cannot convert float infinity to integer
