class C:
    base = [1, 2, 3]
    doubled = [x * 2 for x in base]
print(C.doubled)  # expect: [2, 4, 6]
k = "global k"
class D:
    k = "class k"
    seen = [k for _ in range(1)]
print(D.seen)  # expect: ['global k']
def make():
    n = 10
    class E:
        n = 0
        vals = [n + i for i in range(2)]
    return E.vals
print(make())  # expect: [10, 11]
class F:
    factor = 3
    vals = [i * factor for i in range(2)]
# expect-error: NameError: name 'factor' is not defined
