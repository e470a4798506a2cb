try:
    try:
        {}["a"]
    except KeyError:
        raise ValueError("while handling")
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)  # expect: KeyError('a') None False
try:
    try:
        1 / 0
    finally:
        raise RuntimeError("in finally")
except RuntimeError as e:
    print(type(e.__context__).__name__)  # expect: ZeroDivisionError
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("x") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__)  # expect: None True
