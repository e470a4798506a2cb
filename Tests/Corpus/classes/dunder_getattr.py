class Proxy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        return "virtual " + name
p = Proxy()
print(p.real, p.other)  # expect: 1 virtual other
