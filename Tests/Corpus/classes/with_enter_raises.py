class Bad:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("exit must not run")
try:
    with Bad():
        print("body must not run")
except RuntimeError as e:
    print(e)  # expect: enter failed
