first, *rest = [1, 2, 3, 4]
print(first, rest)  # expect: 1 [2, 3, 4]
*init, last = (1, 2, 3)
print(init, last)  # expect: [1, 2] 3
a, *mid, z = "abcde"
print(a, mid, z)  # expect: a ['b', 'c', 'd'] e
x, *empty = [1]
print(x, empty)  # expect: 1 []
print([*range(3), *"ab"], (*[1], 2))  # expect: [0, 1, 2, 'a', 'b'] (1, 2)
print({**{'a': 1}, 'b': 2})  # expect: {'a': 1, 'b': 2}
