try:
    try:
        raise KeyError("k")
    except KeyError as e:
        saved = e
        raise
except KeyError as e2:
    print(e2 is saved, e2.__context__)  # expect: True None
