a = [1]
b = a
c = [1]
print(a is b, a is c, a == c)  # expect: True False True
x = None
print(x is None, x is not None)  # expect: True False
