xs = [1,
      2,
   3]
total = sum(
    x * 2
    for x in xs
)
d = {'a': 1,
     'b': 2}
print(total, len(d))  # expect: 12 2
print(max(1,
          5,
          3))  # expect: 5
