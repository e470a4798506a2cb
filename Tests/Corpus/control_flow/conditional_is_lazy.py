def boom():
    raise RuntimeError("should not run")
print(1 if True else boom())  # expect: 1
print(boom() if False else 2)  # expect: 2
