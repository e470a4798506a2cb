try:
    try:
        {}["a"]
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(e, repr(e.__cause__))  # expect: wrapped KeyError('a')
