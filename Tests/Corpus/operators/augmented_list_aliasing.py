a = [1]
b = a
a += [2]
print(b)  # expect: [1, 2]
t = (1,)
u = t
t += (2,)
print(u, t)  # expect: (1,) (1, 2)
