print(str.upper("q"), str.join(",", ["a", "b"]))  # expect: Q a,b
print(sorted(["B", "a", "C"], key=str.lower))  # expect: ['a', 'B', 'C']
print(list(map(str.strip, [" x ", "y "])))  # expect: ['x', 'y']
xs = []
list.append(xs, 1)
print(xs, dict.get({'k': 2}, 'k'))  # expect: [1] 2
