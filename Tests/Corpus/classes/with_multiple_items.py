class C:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
        return self.n
    def __exit__(self, *a):
        print("exit", self.n)
with C(1) as a, C(2) as b:
    print(a + b)
# expect: enter 1
# expect: enter 2
# expect: 3
# expect: exit 2
# expect: exit 1
