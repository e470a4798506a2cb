xs = [1, 2, 3]
def f(x):
    return x * 10
print(sum(f(x) for x in xs))  # expect: 60
print(max(x * x for x in xs))  # expect: 9
print(any(x > 2 for x in xs), all(x > 2 for x in xs))  # expect: True False
print(list(x for x in "ab"), tuple(x for x in range(2)))  # expect: ['a', 'b'] (0, 1)
print(", ".join(str(x) for x in xs))  # expect: 1, 2, 3
g = (x for x in xs)
print(next(g), list(g))  # expect: 1 [2, 3]
