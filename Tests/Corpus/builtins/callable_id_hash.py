print(callable(len), callable(lambda: 0), callable(1))  # expect: True True False
a = []
print(id(a) == id(a), hash(1) == hash(1.0), hash("a") == hash("a"))  # expect: True True True
hash([])
# expect-error: TypeError: unhashable type: 'list'
