"abc".index("z")
# expect-error: ValueError: substring not found
