def grid(n):
    scale = 2
    return [[scale * (r + c) for c in range(n)] for r in range(n)]
print(grid(2))  # expect: [[0, 2], [2, 4]]
