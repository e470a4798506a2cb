class Swallow:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None)
        return True
def f():
    for i in range(3):
        with Swallow():
            if i == 1:
                break
            raise ValueError
    return i
print(f())
# expect: exit ValueError
# expect: exit None
# expect: 1
