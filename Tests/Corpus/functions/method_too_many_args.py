class C:
    def m(self, x):
        return x
C().m(1, 2)
# expect-error: TypeError: C.m() takes 2 positional arguments but 3 were given
