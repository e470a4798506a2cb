print("conv2d".startswith("conv"))  # expect: True
print("conv2d".endswith(("1d", "2d")))  # expect: True
print("x.py".endswith(".txt"))  # expect: False
