# object's own methods reached through super() and through the class: __repr__, __str__,
# __eq__, __ne__, __hash__ and __init__ of a class that defines none of them.
class A:
    def __repr__(self):
        return 'A<' + super().__repr__()[:10] + '>'
    def __str__(self):
        return 'S' + super().__str__()[:3]
print(repr(A()))  # expect: A<<__main__.>
print(str(A()))  # expect: SA<<
class B(object):
    def __init__(self):
        super().__init__()
        self.x = 1
    def __eq__(self, other):
        return super().__eq__(other)
    def __hash__(self):
        return super().__hash__() * 0
b = B()
print(b.x, b == b, b == 1, hash(b))  # expect: 1 True False 0
print(object.__repr__(b)[:11], object.__str__(b)[:11], B.__repr__(b)[:2])  # expect: <__main__.B <__main__.B <_
print(super(B, b).__eq__(b), super(B, b).__eq__(2))  # expect: True NotImplemented
class C:
    def __init__(self, v):
        super().__init__()
        self.v = v
    def __eq__(self, o):
        return isinstance(o, C) and o.v == self.v
    __hash__ = None
class D(C):
    def __init__(self):
        super().__init__(3)
print(D().v, D() == D(), super(C, D()).__ne__(1), super(C, D()).__ne__(D()))  # expect: 3 True True False
try:
    super(C, D()).__init__(5)
except TypeError as e:
    print(e)  # expect: object.__init__() takes exactly one argument (the instance to initialize)
