names = ["a", "b", "c"]
vals = [1, 2]
for n, v in zip(names, vals):
    print(n, v)
# expect: a 1
# expect: b 2
for i, n in enumerate(names, start=1):
    print(i, n)
# expect: 1 a
# expect: 2 b
# expect: 3 c
for i, (n, v) in enumerate(zip(names, vals)):
    print(i, n, v)
# expect: 0 a 1
# expect: 1 b 2
