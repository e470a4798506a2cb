class M:
    def __init__(self, v):
        self.v = v
    def __matmul__(self, other):
        return M(self.v * other.v)
    def __repr__(self):
        return f"M({self.v})"
print(M(2) @ M(3))  # expect: M(6)
