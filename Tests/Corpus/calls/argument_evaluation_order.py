def v(n):
    print(n)
    return n
def f(*a, **k):
    return None
f(v(1), v(2), k=v(3))
# expect: 1
# expect: 2
# expect: 3
