print(round(0.5), round(1.5), round(2.5), round(-0.5))  # expect: 0 2 2 0
print(round(3.14159, 2), round(2.675, 2), round(1234, -2))  # expect: 3.14 2.67 1200
print(round(7), round(7.6), type(round(7.6)).__name__)  # expect: 7 8 int
print(round(0.125, 2), round(-1.5))  # expect: 0.12 -2
