class Squares:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Squares()))  # expect: [0, 1, 4, 9]
print(9 in Squares())  # expect: True
