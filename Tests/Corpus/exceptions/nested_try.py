try:
    try:
        raise TypeError("inner")
    except ValueError:
        print("wrong handler")
    finally:
        print("inner finally")
except TypeError as e:
    print("outer got", e)
# expect: inner finally
# expect: outer got inner
