class Base:
    def __init__(self, name):
        self.name = name
    def describe(self):
        return "base " + self.name
    def kind(self):
        return "base"
class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra
    def describe(self):
        return super().describe() + " + " + self.extra
c = Child("c", "more")
print(c.describe())  # expect: base c + more
print(c.kind())  # expect: base
print(isinstance(c, Base), isinstance(c, Child), issubclass(Child, Base))  # expect: True True True
