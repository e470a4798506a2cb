n = 0
found = []
while True:
    n += 1
    if n % 2 == 0:
        continue
    if n > 7:
        break
    found.append(n)
print(found)  # expect: [1, 3, 5, 7]
