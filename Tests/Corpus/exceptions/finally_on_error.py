def f():
    try:
        raise KeyError("x")
    finally:
        print("finally runs")
f()
# expect: finally runs
# expect-error: KeyError: 'x'
