import math
math.sqrt(-1)
# expect-error: ValueError: math domain error
