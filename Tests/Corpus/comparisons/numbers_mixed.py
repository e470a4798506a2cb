print(1 == 1.0, 2 != 2.0)  # expect: True False
print(True == 1, False == 0.0)  # expect: True True
print(1 < 1.5 < 2)  # expect: True
print(float('nan') == float('nan'))  # expect: False
