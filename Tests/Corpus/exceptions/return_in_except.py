def f():
    try:
        raise ValueError
    except ValueError:
        return "handled"
    finally:
        print("finally")
print(f())
# expect: finally
# expect: handled
