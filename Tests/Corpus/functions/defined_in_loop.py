fs = []
for i in range(3):
    def f(k=i):
        return k
    fs.append(f)
print([f() for f in fs])  # expect: [0, 1, 2]
