def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1))  # expect: [1]
print(append_to(2))  # expect: [1, 2]
n = 10
def f(x=n):
    return x
n = 20
print(f())  # expect: 10
