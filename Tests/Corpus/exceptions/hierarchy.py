print(issubclass(ZeroDivisionError, ArithmeticError))  # expect: True
print(issubclass(KeyError, LookupError), issubclass(IndexError, Exception))  # expect: True True
print(issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError))  # expect: True True
print(issubclass(ModuleNotFoundError, ImportError), issubclass(UnboundLocalError, NameError))  # expect: True True
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception))  # expect: True False
