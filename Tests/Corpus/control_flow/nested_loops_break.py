pairs = []
for i in range(3):
    for j in range(3):
        if j > i:
            break
        pairs.append((i, j))
print(pairs)  # expect: [(0, 0), (1, 0), (1, 1), (2, 0), (2, 1), (2, 2)]
