def make(n):
    return [lambda x, i=i: x + i for i in range(n)]
print([f(10) for f in make(3)])  # expect: [10, 11, 12]
fs = [lambda: i for i in range(3)]
print([f() for f in fs])  # expect: [2, 2, 2]
