print(True + 1, True * 2.5, False - 1)  # expect: 2 2.5 -1
print(sum([True, True, False]))  # expect: 2
