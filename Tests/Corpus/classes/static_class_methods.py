class C:
    n = 7
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def make(cls):
        return cls.n
print(C.add(1, 2), C().add(3, 4))  # expect: 3 7
print(C.make(), C().make())  # expect: 7 7
