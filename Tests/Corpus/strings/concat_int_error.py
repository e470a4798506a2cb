print("n = " + 3)
# expect-error: TypeError: can only concatenate str (not "int") to str
