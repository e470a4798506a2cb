def f(n):
    k = 10
    return [k * i for i in range(n)], {i: k for i in range(2)}
print(f(3))  # expect: ([0, 10, 20], {0: 10, 1: 10})
