class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        return Money(self.c + (o.c if isinstance(o, Money) else o))
    def __radd__(self, o):
        return self + o
print(sum([Money(1), Money(2)]).c)  # expect: 3
