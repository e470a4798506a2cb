print(1 + 2 * 3, (1 + 2) * 3)  # expect: 7 9
print(-3 ** 2)  # expect: -9
print(not 1 == 2)  # expect: True
print(1 + 2 == 3 and 2 < 1 or True)  # expect: True
print(10 - 4 - 3, 100 / 10 / 5)  # expect: 3 2.0
print(2 * 3 % 4)  # expect: 2
