big = 2**53
print(big + 1 == float(big + 1), big + 1 > float(big), big == float(big))  # expect: False True True
print(9223372036854775807 == 9.223372036854775807e18, 9223372036854775807 < 9.3e18)  # expect: False True
print(float('nan') < 1, 1 == float('nan'), 1 < float('inf'))  # expect: False False True
