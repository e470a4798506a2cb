composed, decomposed = "\u00e9", "e\u0301"
print(composed == decomposed, len(composed), len(decomposed))  # expect: False 1 2
print(composed < decomposed, "a" < "b" < "c")  # expect: False True
