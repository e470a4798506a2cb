for x in [1, 2]:
    print("list", x)
# expect: list 1
# expect: list 2
for x in (3,):
    print("tuple", x)  # expect: tuple 3
for k in {'a': 1, 'b': 2}:
    print("key", k)
# expect: key a
# expect: key b
for k, v in {'z': 0}.items():
    print(k, v)  # expect: z 0
for c in "hi":
    print(c)
# expect: h
# expect: i
for s in {7}:
    print("set", s)  # expect: set 7
