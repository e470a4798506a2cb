class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(3)))  # expect: [3, 2, 1]
for x in Countdown(2):
    print(x)
# expect: 2
# expect: 1
class Wrap:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
print(sum(Wrap([1, 2, 3])), [x * 2 for x in Wrap([4])])  # expect: 6 [8]
