def a():
    x = "a"
    def b():
        def c():
            return x + "c"
        return c
    return b
print(a()()())  # expect: ac
