class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
print(Key(1) == Key(1), Key(1) != Key(2))  # expect: True True
d = {Key(1): "one"}
print(d[Key(1)])  # expect: one
print(len({Key(1), Key(1), Key(2)}))  # expect: 2
print(Key(1) in [Key(0), Key(1)])  # expect: True
