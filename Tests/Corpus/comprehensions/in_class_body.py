class C:
    xs = [i * 2 for i in range(3)]
print(C.xs)  # expect: [0, 2, 4]
