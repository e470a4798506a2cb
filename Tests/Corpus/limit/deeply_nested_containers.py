nested = []
for _ in range(100000):
    nested = [nested]
try:
    repr(nested)
except RecursionError as e:
    print(e)  # expect: maximum recursion depth exceeded while getting the repr of an object
other = []
for _ in range(100000):
    other = [other]
try:
    nested == other
except RecursionError as e:
    print(e)  # expect: maximum recursion depth exceeded in comparison
print("still alive")  # expect: still alive
