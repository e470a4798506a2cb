x = "global"
class C:
    x = "class"
    def get(self):
        return x
    y = x
print(C().get(), C.y)  # expect: global class
