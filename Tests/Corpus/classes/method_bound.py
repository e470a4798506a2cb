class C:
    def __init__(self):
        self.v = 1
    def get(self):
        return self.v
c = C()
m = c.get
c.v = 2
print(m())  # expect: 2
print(C.get(c))  # expect: 2
