print("a b c".rsplit(" ", 1))  # expect: ['a b', 'c']
print("a,b,,c".rsplit(",", 2))  # expect: ['a,b', '', 'c']
print("  x  y  z ".rsplit(None, 1))  # expect: ['  x  y', 'z']
print("a b".rsplit(), "".rsplit())  # expect: ['a', 'b'] []
