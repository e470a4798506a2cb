class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
    def __hash__(self):
        return self.v % 3
d = {}
for i in range(40):
    d[K(i)] = i
for i in range(30):
    del d[K(i)]
print(len(d), d[K(35)], K(5) in d)  # expect: 10 35 False
