def f(a, b, c=3):
    return a, b, c
print(f(1, 2))  # expect: (1, 2, 3)
print(f(1, c=5, b=4))  # expect: (1, 4, 5)
print(f(b=1, a=2))  # expect: (2, 1, 3)
