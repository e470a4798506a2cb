print("a b  c".split())  # expect: ['a', 'b', 'c']
print("a,b,,c".split(","))  # expect: ['a', 'b', '', 'c']
print("a,b,c".split(",", 1))  # expect: ['a', 'b,c']
print("-".join(["x", "y", "z"]))  # expect: x-y-z
print("".join(str(i) for i in range(4)))  # expect: 0123
print("  lead and trail  ".split())  # expect: ['lead', 'and', 'trail']
