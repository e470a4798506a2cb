print(pow(3, -1, 7), pow(2, 10**6, 7), pow(-2, 3, 5), pow(2, 3, -5))  # expect: 5 2 2 -2
print(pow(123456789, 987654321, 9223372036854775783), pow(5, 0, 1))  # expect: 7304489514424542795 0
pow(2, 3, 0)
# expect-error: ValueError: pow() 3rd argument cannot be 0
