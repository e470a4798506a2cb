class A: pass
class B(A): pass
b = B()
print(isinstance(b, A), isinstance(b, (int, A)), isinstance(A(), B))  # expect: True True False
print(type(b) is B, type(b) == A)  # expect: True False
