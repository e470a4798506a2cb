class Scale:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, offset=0):
        return self.k * x + offset
s = Scale(3)
print(s(2), s(2, offset=1))  # expect: 6 7
print(callable(s), callable(3))  # expect: True False
