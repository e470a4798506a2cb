class C:
    pass
a = C()
print(a == a, a == C(), a != C())  # expect: True False True
