print(0.1 + 0.2)  # expect: 0.30000000000000004
print(7.5 // 2, -7.5 // 2)  # expect: 3.0 -4.0
print(7.5 % 2, -7.5 % 2)  # expect: 1.5 0.5
print(1 + 2.0, 3 * 0.5)  # expect: 3.0 1.5
print(2 ** 0.5)  # expect: 1.4142135623730951
print(4 ** 0.5)  # expect: 2.0
