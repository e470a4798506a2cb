xs = [1]
xs.append(xs)
print(xs)  # expect: [1, [...]]
d = {}
d['self'] = d
print(d)  # expect: {'self': {...}}
