class MyError(Exception):
    pass
raise MyError("something broke")
# expect-error: MyError: something broke
