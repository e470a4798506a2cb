class E:
    def __eq__(self, other):
        return True
print(E() == 5)  # expect: True
s = {E()}
# expect-error: TypeError: unhashable type: 'E'
