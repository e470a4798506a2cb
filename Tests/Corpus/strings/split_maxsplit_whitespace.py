print(" a  b ".split(None, 1))  # expect: ['a', 'b ']
print(" a b ".split(None, 0))  # expect: ['a b ']
print("a  b  c".split(maxsplit=1))  # expect: ['a', 'b  c']
print("".split(), "   ".split(), "".split(","))  # expect: [] [] ['']
