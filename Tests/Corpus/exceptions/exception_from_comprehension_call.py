def check(x):
    if x > 1:
        raise ValueError(f"too big: {x}")
    return x
try:
    [check(x) for x in range(5)]
except ValueError as e:
    print(e)  # expect: too big: 2
