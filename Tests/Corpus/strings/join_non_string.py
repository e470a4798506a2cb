print(", ".join(["a", 1]))
# expect-error: TypeError: sequence item 1: expected str instance, int found
