print(0 or "default")  # expect: default
print(3 and 4)  # expect: 4
print([] and 1)  # expect: []
print(None or 0)  # expect: 0
def boom():
    raise RuntimeError("evaluated")
print(False and boom())  # expect: False
print(True or boom())  # expect: True
