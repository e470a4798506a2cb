class C:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        print("exit")
def f():
    with C():
        return "value"
print(f())
# expect: exit
# expect: value
