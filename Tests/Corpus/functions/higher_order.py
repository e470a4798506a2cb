def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5))  # expect: 11
print(list(map(inc, [1, 2])))  # expect: [2, 3]
print(list(filter(lambda x: x % 2, range(6))))  # expect: [1, 3, 5]
