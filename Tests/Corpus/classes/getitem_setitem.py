class Grid:
    def __init__(self):
        self.d = {}
    def __getitem__(self, key):
        return self.d.get(key, 0)
    def __setitem__(self, key, value):
        self.d[key] = value
    def __delitem__(self, key):
        del self.d[key]
g = Grid()
g[1, 2] = 5
print(g[1, 2], g[0, 0])  # expect: 5 0
g[1, 2] += 1
print(g[1, 2])  # expect: 6
del g[1, 2]
print(g[1, 2])  # expect: 0
