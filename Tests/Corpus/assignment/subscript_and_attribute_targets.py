class O:
    pass
o = O()
o.items = [0, 0, 0]
o.items[1] = 5
d = {}
d["k"] = o
d["k"].items[2] += 7
print(o.items)  # expect: [0, 5, 7]
o.count = 1
o.count += 1
print(o.count)  # expect: 2
xs = [1, 2, 3, 4, 5]
xs[1:3] = ["a"]
print(xs)  # expect: [1, 'a', 4, 5]
xs[::2] = [0, 0]
print(xs)  # expect: [0, 'a', 0, 5]
