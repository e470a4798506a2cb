def f():
    try:
        x = 1
    except Exception:
        return "except"
    else:
        return "else"
    finally:
        print("finally")
print(f())
# expect: finally
# expect: else
