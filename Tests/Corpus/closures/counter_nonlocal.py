def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = make_counter()
c(); c()
print(c())  # expect: 3
d = make_counter()
print(d())  # expect: 1
