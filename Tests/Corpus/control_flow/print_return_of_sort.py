xs = [2, 1]
print(xs.sort(), xs)  # expect: None [1, 2]
print(print("inner"))
# expect: inner
# expect: None
