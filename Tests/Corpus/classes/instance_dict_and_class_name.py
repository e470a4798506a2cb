class P:
    def __init__(self):
        self.a = 1
        self.b = "two"
p = P()
print(p.__dict__)  # expect: {'a': 1, 'b': 'two'}
print(p.__class__.__name__, P.__name__)  # expect: P P
print(vars(p))  # expect: {'a': 1, 'b': 'two'}
