def f():
    try:
        return "try"
    finally:
        print("cleanup")
def g():
    try:
        return "try"
    finally:
        return "finally"
def h():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(f())
# expect: cleanup
# expect: try
print(g(), h())  # expect: finally swallowed
