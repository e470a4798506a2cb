class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
v = Vec(1, 2)
print(v + v, v * 3, 2 * v, -v)  # expect: Vec(2, 4) Vec(3, 6) Vec(2, 4) Vec(-1, -2)
v += Vec(1, 1)
print(v)  # expect: Vec(2, 3)
