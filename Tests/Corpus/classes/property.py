class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        self._c = v
    @property
    def kelvin(self):
        return self._c + 273
t = Temp()
t.celsius = 10
print(t.celsius, t.kelvin)  # expect: 10 283
