def f(**kwargs):
    return kwargs
print(f(a=1, b=2))  # expect: {'a': 1, 'b': 2}
def g(x, y=0):
    return x - y
opts = {'y': 5, 'x': 10}
print(g(**opts))  # expect: 5
print(f(**{'k': 1}, z=2))  # expect: {'k': 1, 'z': 2}
