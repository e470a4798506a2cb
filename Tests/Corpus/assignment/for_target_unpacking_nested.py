data = [("a", (1, 2)), ("b", (3, 4))]
for name, (x, y) in data:
    print(name, x + y)
# expect: a 3
# expect: b 7
for i, *rest in [(1, 2, 3)]:
    print(i, rest)  # expect: 1 [2, 3]
