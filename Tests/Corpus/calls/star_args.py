def f(*args):
    return args
print(f())  # expect: ()
print(f(1, 2))  # expect: (1, 2)
def g(a, b, c):
    return a + b + c
xs = [1, 2, 3]
print(g(*xs))  # expect: 6
print(g(1, *(2, 3)))  # expect: 6
print(f(*range(3), *"ab"))  # expect: (0, 1, 2, 'a', 'b')
