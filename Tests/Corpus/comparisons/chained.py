x = 5
print(1 < x < 10)  # expect: True
print(1 < x > 10)  # expect: False
print(0 <= x <= 5 < 6)  # expect: True
print(1 == 1.0 == True)  # expect: True
