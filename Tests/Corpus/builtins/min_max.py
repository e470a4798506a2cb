print(min(3, 1, 2), max([4, 9, 2]))  # expect: 1 9
print(max("apple", "fig", key=len), min([(2, 'b'), (1, 'z')]))  # expect: apple (1, 'z')
print(max([], default="none"), min([5], default=0))  # expect: none 5
print(max({'a': 3, 'b': 1}, key=lambda k: -ord(k)))  # expect: a
print(max(1, 2.5), min("b", "a"))  # expect: 2.5 a
print(max([1, 3, 3], key=lambda x: x))  # expect: 3
