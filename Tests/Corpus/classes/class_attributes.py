class C:
    count = 0
    def __init__(self):
        C.count += 1
        self.id = C.count
a = C(); b = C()
print(C.count, a.id, b.id, a.count)  # expect: 2 1 2 2
a.count = 100
print(C.count, a.count)  # expect: 2 100
