class P:
    def __init__(self, x):
        self.x = x
P()
# expect-error: TypeError: P.__init__() missing 1 required positional argument: 'x'
