import nosuchmodule
# expect-error: ModuleNotFoundError: No module named 'nosuchmodule'
