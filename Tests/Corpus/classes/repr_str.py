class V:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"V({self.v!r})"
class S(V):
    def __str__(self):
        return f"<{self.v}>"
print(V(1), [V('a')])  # expect: V(1) [V('a')]
print(S(2), repr(S(2)), str(S(2)))  # expect: <2> V(2) <2>
print(f"{S(3)}")  # expect: <3>
