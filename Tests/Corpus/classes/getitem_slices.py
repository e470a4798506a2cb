class Seq:
    def __init__(self, n):
        self.data = list(range(n))
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        if isinstance(i, slice):
            return Seq.from_list(self.data[i])
        return self.data[i]
    @staticmethod
    def from_list(xs):
        s = Seq(0)
        s.data = xs
        return s
s = Seq(6)
print(s[2], s[-1], s[1:5:2].data, len(s[::2]))  # expect: 2 5 [1, 3] 3
