def f():
    try:
        int("x")
    except ValueError:
        print("logging")
        raise
try:
    f()
except ValueError as e:
    print("re-raised:", e)
# expect: logging
# expect: re-raised: invalid literal for int() with base 10: 'x'
