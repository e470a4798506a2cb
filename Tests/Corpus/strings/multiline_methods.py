text = """first line
  second line
third"""
lines = text.split("\n")
print(len(lines), lines[1].strip())  # expect: 3 second line
print([l.upper() for l in text.splitlines() if l.startswith("t")])  # expect: ['THIRD']
