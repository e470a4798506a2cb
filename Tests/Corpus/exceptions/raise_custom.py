class MyError(Exception):
    pass
class Detailed(MyError):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise Detailed(7)
except MyError as e:
    print(type(e).__name__, e, e.code, e.args)  # expect: Detailed code 7 7 ('code 7',)
