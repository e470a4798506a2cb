def f():
    import math
    return math.floor(3.5)
print(f())  # expect: 3
print('math' in dir())  # expect: False
