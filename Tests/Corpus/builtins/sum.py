print(sum([1, 2, 3]), sum([]), sum([0.5, 0.25]))  # expect: 6 0 0.75
print(sum([[1], [2]], []), sum(range(5), 10))  # expect: [1, 2] 20
print(sum([0.1] * 10))  # expect: 0.9999999999999999
