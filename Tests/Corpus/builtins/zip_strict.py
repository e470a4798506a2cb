print(list(zip([1, 2], "ab", strict=True)))  # expect: [(1, 'a'), (2, 'b')]
list(zip([1, 2, 3], "ab", strict=True))
# expect-error: ValueError: zip() argument 2 is shorter than argument 1
