class Quiet:
    def __enter__(self):
        return None
    def __exit__(self, exc_type, exc, tb):
        print("exit with", exc_type.__name__)
        return True
with Quiet():
    raise ValueError("hidden")
print("after")
# expect: exit with ValueError
# expect: after
