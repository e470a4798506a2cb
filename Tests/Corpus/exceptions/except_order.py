try:
    {}["k"]
except IndexError:
    print("index")
except LookupError as e:
    print("lookup", repr(e))  # expect: lookup KeyError('k')
except Exception:
    print("generic")
