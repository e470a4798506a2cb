out = []
for s in ["1", "x", "3"]:
    try:
        v = int(s)
    except ValueError:
        out.append("bad")
        continue
    out.append(v)
print(out)  # expect: [1, 'bad', 3]
