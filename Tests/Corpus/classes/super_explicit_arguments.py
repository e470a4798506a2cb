class Base:
    def __init__(self, x=1):
        self.x = x
    def __repr__(self):
        return f"{self.__class__.__name__}(x={self.x})"
class Child(Base):
    def __init__(self, **kwargs):
        super(Child, self).__init__(**kwargs)
        self.y = 2
print(Child(x=5), Child(), Child().y)  # expect: Child(x=5) Child(x=1) 2
