e = ValueError("a", 2)
print(e.args, str(e))  # expect: ('a', 2) ('a', 2)
print(repr(ValueError("m")))  # expect: ValueError('m')
print(str(KeyError("k")), str(Exception()))  # expect: 'k' 
