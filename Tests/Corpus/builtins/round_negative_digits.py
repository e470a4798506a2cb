print(round(1250, -2), round(1350, -2), round(-1250, -2), round(-1351, -2))  # expect: 1200 1400 -1200 -1400
print(round(15, -1), round(25, -1), round(5, -100), round(1234.5678, -2))  # expect: 20 20 0 1200.0
