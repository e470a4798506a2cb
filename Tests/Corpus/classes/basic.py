class Point:
    """A 2-D point."""
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
p = Point(3, 4)
print(p.x, p.y, p.norm2())  # expect: 3 4 25
print(Point.__doc__)  # expect: A 2-D point.
print(type(p).__name__)  # expect: Point
p.z = 5
print(p.z)  # expect: 5
