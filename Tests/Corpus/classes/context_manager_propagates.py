class Loud:
    def __enter__(self):
        return self
    def __exit__(self, t, e, tb):
        print("cleanup")
        return None
try:
    with Loud():
        raise KeyError("k")
except KeyError as e:
    print("caught", e)
# expect: cleanup
# expect: caught 'k'
