print(list(range(4)))  # expect: [0, 1, 2, 3]
print(list(range(2, 5)))  # expect: [2, 3, 4]
print(list(range(10, 0, -3)))  # expect: [10, 7, 4, 1]
print(list(range(0, -5, -1)))  # expect: [0, -1, -2, -3, -4]
print(list(range(5, 5)), list(range(5, 0)))  # expect: [] []
print(range(3), range(1, 9, 2))  # expect: range(0, 3) range(1, 9, 2)
print(len(range(1, 10, 3)), range(10)[-1], range(0, 10, 2)[1:3])  # expect: 3 9 range(2, 6, 2)
