def make(n):
    class C:
        size = n
        doubled = n * 2
        def get(self):
            return n
    return C
C = make(3)
print(C.size, C.doubled, C().get())  # expect: 3 6 3
