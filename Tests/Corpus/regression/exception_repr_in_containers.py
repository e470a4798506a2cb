errs = [ValueError("a"), KeyError("b"), RuntimeError()]
print(errs)  # expect: [ValueError('a'), KeyError('b'), RuntimeError()]
