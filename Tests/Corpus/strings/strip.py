print("[" + "  hi  ".strip() + "]")  # expect: [hi]
print("[" + "  hi  ".lstrip() + "]")  # expect: [hi  ]
print("[" + "  hi  ".rstrip() + "]")  # expect: [  hi]
print("xxhixx".strip("x"))  # expect: hi
