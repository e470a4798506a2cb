g = 1
def outer():
    g = "outer local"
    def inner():
        global g
        g = 99
    inner()
    return g
print(outer(), g)  # expect: outer local 99
