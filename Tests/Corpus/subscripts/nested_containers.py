m = [[1, 2], [3, 4]]
print(m[1][0], m[-1][-1])  # expect: 3 4
m[0][1] = 9
print(m)  # expect: [[1, 9], [3, 4]]
d = {'a': {'b': [5, 6]}}
print(d['a']['b'][1])  # expect: 6
d['a']['b'][0] += 1
print(d)  # expect: {'a': {'b': [6, 6]}}
