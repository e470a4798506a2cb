class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
l = Logged()
l.a = 1
# expect: set a 1
l.a += 1
# expect: set a 2
print(l.a, l.__dict__)  # expect: 2 {'a': 2}
