x: int = 5
y: list = []
print(x, y)  # expect: 5 []
def f(a: int, b: str = "s") -> str:
    return b * a
print(f(2))  # expect: ss
