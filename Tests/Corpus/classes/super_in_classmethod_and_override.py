class Base:
    def __init__(self):
        self.log = ["base"]
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("mid")
class Leaf(Mid):
    def __init__(self):
        super().__init__()
        self.log.append("leaf")
print(Leaf().log)  # expect: ['base', 'mid', 'leaf']
