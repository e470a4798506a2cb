class Bag:
    def __init__(self, *items):
        self.items = items
    def __iter__(self):
        return (x * 10 for x in self.items)
print(list(Bag(1, 2)), sorted(Bag(3, 1)))  # expect: [10, 20] [10, 30]
a, b = Bag(4, 5)
print(a, b)  # expect: 40 50
