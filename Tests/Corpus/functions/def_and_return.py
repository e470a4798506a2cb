def add(a, b):
    return a + b
def nothing():
    pass
def early(x):
    if x:
        return "early"
    return "late"
print(add(2, 3))  # expect: 5
print(nothing())  # expect: None
print(early(1), early(0))  # expect: early late
