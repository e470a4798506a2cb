def factory(prefix):
    class Greeter:
        def greet(self, name):
            return prefix + name
    return Greeter()
print(factory("hi ").greet("ann"))  # expect: hi ann
