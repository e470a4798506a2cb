x = 1
del x
try:
    x
except NameError as e:
    print(e)  # expect: name 'x' is not defined
xs = [0, 1, 2, 3, 4]
del xs[0]
del xs[-1]
print(xs)  # expect: [1, 2, 3]
del xs[::2]
print(xs)  # expect: [2]
d = {'a': 1, 'b': 2}
del d['a']
print(d)  # expect: {'b': 2}
class O:
    pass
o = O()
o.v = 1
del o.v
print(hasattr(o, 'v'))  # expect: False
a, b = 1, 2
del a, b
print('a' in dir())  # expect: False
