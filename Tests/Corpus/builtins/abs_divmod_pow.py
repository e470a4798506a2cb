print(abs(-3), abs(2.5), abs(-0.0), abs(True))  # expect: 3 2.5 0.0 1
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2))  # expect: (3, 2) (-4, 3) (3.0, 1.5)
print(pow(2, 8), pow(2, 10, 1000), pow(4, 0.5))  # expect: 256 24 2.0
