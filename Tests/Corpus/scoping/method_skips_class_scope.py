def make():
    n = 10
    class E:
        n = 0
        def get(self):
            return n
        own = n
    return E().get(), E.n, E.own
print(make())  # expect: (10, 0, 0)
