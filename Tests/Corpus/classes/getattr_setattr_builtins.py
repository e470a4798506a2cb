class C:
    pass
c = C()
setattr(c, "x", 3)
print(getattr(c, "x"), getattr(c, "y", "dflt"))  # expect: 3 dflt
print(hasattr(c, "x"), hasattr(c, "y"))  # expect: True False
delattr(c, "x")
print(hasattr(c, "x"))  # expect: False
