def pair():
    v = 0
    def get():
        return v
    def put(n):
        nonlocal v
        v = n
    return get, put
get, put = pair()
put(42)
print(get())  # expect: 42
