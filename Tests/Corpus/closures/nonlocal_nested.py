def outer():
    x = 0
    def mid():
        def inner():
            nonlocal x
            x += 10
        inner()
        return x
    return mid()
print(outer())  # expect: 10
