def f():
    pass
class C:
    def m(self):
        pass
print(repr(f).startswith("<function f at 0x"))  # expect: True
print(repr(C.m).startswith("<function C.m at 0x"))  # expect: True
print(repr(C().m).startswith("<bound method C.m of <__main__.C object at 0x"))  # expect: True
print(len, repr(print))  # expect: <built-in function len> <built-in function print>
import math
print(repr(math).startswith("<module 'math'"))  # expect: True
