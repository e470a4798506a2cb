counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)  # expect: 2
def make():
    global fresh
    fresh = "made"
make()
print(fresh)  # expect: made
