class H:
    def __hash__(self):
        return 42
print(hash(H()), hash(True), hash(2.0))  # expect: 42 1 2
