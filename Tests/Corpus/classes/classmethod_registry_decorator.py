class Registry:
    table = {}
    @classmethod
    def register(cls, name):
        def deco(fn):
            cls.table[name] = fn
            return fn
        return deco
@Registry.register("square")
def square(x):
    return x * x
print(Registry.table["square"](3), square(4))  # expect: 9 16
