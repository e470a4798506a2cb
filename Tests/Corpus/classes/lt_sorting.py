class Item:
    def __init__(self, w):
        self.w = w
    def __lt__(self, other):
        return self.w < other.w
    def __repr__(self):
        return f"Item({self.w})"
xs = [Item(3), Item(1), Item(2)]
print(sorted(xs))  # expect: [Item(1), Item(2), Item(3)]
print(max(xs), min(xs))  # expect: Item(3) Item(1)
print(Item(5) > Item(4))  # expect: True
