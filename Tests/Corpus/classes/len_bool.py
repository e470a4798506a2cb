class Bag:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(Bag(3)))  # expect: 3
print(bool(Bag(0)), bool(Bag(2)))  # expect: False True
if not Bag(0):
    print("empty")  # expect: empty
class Flag:
    def __bool__(self):
        return False
print("yes" if Flag() else "no")  # expect: no
