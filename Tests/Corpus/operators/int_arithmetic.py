print(7 + 3, 7 - 3, 7 * 3)  # expect: 10 4 21
print(7 / 2, 6 / 3)  # expect: 3.5 2.0
print(7 // 2, -7 // 2)  # expect: 3 -4
print(7 % 3, -7 % 3, 7 % -3)  # expect: 1 2 -2
print(2 ** 10, 2 ** -1)  # expect: 1024 0.5
print(-2 ** 2, (-2) ** 2)  # expect: -4 4
print(2 ** 3 ** 2)  # expect: 512
