print(callable(help))  # expect: True
