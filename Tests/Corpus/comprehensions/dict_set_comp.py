print({k: v for k, v in zip("abc", range(3))})  # expect: {'a': 0, 'b': 1, 'c': 2}
print({x % 3 for x in range(10)})  # expect: {0, 1, 2}
print({w: len(w) for w in ["hi", "there"] if len(w) > 2})  # expect: {'there': 5}
