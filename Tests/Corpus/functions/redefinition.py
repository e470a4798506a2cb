def f():
    return 1
def call():
    return f()
print(call())  # expect: 1
def f():
    return 2
print(call())  # expect: 2
