# cnb-only: ints are 64-bit; converting a huge float raises OverflowError.
import math
print(math.floor(1e18), math.ceil(-2.5))  # expect: 1000000000000000000 -2
math.floor(1e300)
# expect-error: OverflowError: int too large to convert to a 64-bit integer
