class C:
    pass
C.greet = lambda self: "hello"
C.version = 2
c = C()
print(c.greet(), c.version)  # expect: hello 2
