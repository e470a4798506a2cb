i = 4
name = "conv"
print(f'{i+1}')  # expect: 5
print(f"{name}-{i * 2}")  # expect: conv-8
print(f"{[x * x for x in range(3)]}")  # expect: [0, 1, 4]
print(f"{'a' if i > 3 else 'b'}")  # expect: a
print(f"{name.upper()}!")  # expect: CONV!
print(f"{ {'k': 1}['k'] }")  # expect: 1
