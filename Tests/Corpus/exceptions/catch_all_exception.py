for thunk in [lambda: 1 / 0, lambda: [][1], lambda: {}[0], lambda: int("z"), lambda: None.x, lambda: undefined]:
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__)
# expect: ZeroDivisionError
# expect: IndexError
# expect: KeyError
# expect: ValueError
# expect: AttributeError
# expect: NameError
