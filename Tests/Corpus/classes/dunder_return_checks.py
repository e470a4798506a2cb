class R:
    def __repr__(self):
        return 5
class L:
    def __len__(self):
        return -1
class N:
    __hash__ = None
for thunk in (lambda: repr(R()), lambda: len(L()), lambda: hash(N())):
    try:
        thunk()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
# expect: TypeError __repr__ returned non-string (type int)
# expect: ValueError __len__() should return >= 0
# expect: TypeError unhashable type: 'N'
class B:
    def __bool__(self):
        return 1
bool(B())
# expect-error: TypeError: __bool__ should return bool, returned int
