print(isinstance(True, int), isinstance(1, bool), isinstance(1, float))  # expect: True False False
print(isinstance(1.0, (int, float)), isinstance("s", str), isinstance([], (tuple, dict)))  # expect: True True False
print(isinstance(None, type(None)), isinstance({}, dict), isinstance((), tuple))  # expect: True True True
print(type(1), type(1.0), type("s"), type(None))  # expect: <class 'int'> <class 'float'> <class 'str'> <class 'NoneType'>
print(type([]), type({}), type(()), type(True))  # expect: <class 'list'> <class 'dict'> <class 'tuple'> <class 'bool'>
print(type(1) is int, type(True) is int, type(len).__name__)  # expect: True False builtin_function_or_method
print(int, str, type(int))  # expect: <class 'int'> <class 'str'> <class 'type'>
print(issubclass(bool, int))  # expect: True
