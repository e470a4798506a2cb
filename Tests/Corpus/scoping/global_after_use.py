x = 1
def f():
    print(x)
    global x
# expect-syntax-error: SyntaxError: name 'x' is used prior to global declaration
