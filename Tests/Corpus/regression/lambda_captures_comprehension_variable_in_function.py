def make():
    return [lambda: i for i in range(3)], [(lambda: j * 10)() for j in range(2)]
fs, direct = make()
print([f() for f in fs], direct)  # expect: [2, 2, 2] [0, 10]
