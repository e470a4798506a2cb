d = {'x': 1}
print(range(2), d.keys(), f"{range(1, 3)}")  # expect: range(0, 2) dict_keys(['x']) range(1, 3)
