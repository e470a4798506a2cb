def f():
    pass
class C:
    def m(self):
        pass
print(type(print), type(f), type(C().m))  # expect: <class 'builtin_function_or_method'> <class 'function'> <class 'method'>
print(type(C), type(C()), type(range(1)))  # expect: <class 'type'> <class '__main__.C'> <class 'range'>
print(type(iter([])), type(x for x in []), type({}.keys()))  # expect: <class 'list_iterator'> <class 'generator'> <class 'dict_keys'>
