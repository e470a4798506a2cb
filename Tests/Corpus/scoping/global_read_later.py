# A function may read a global that is assigned after the function is defined (seed 002).
def corr():
    return K * 2
K = 21
print(corr())  # expect: 42
K = 1
print(corr())  # expect: 2
