try:
    from math import nosuch
except ImportError as e:
    print(str(e).startswith("cannot import name 'nosuch' from 'math'"))  # expect: True
