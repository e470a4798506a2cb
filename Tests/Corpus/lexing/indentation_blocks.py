# Blocks are made by indentation; any consistent depth works.
def f(x):
  if x > 0:
        return "positive"
  else:
    return "not positive"
print(f(1))  # expect: positive
print(f(-1))  # expect: not positive
