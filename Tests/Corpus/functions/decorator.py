def shout(fn):
    def wrapper(*args):
        return fn(*args).upper()
    return wrapper
@shout
def greet(name):
    return "hi " + name
print(greet("bo"))  # expect: HI BO
