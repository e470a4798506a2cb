print("[" + "ab".center(6) + "]")  # expect: [  ab  ]
print("[" + "ab".ljust(5, ".") + "]")  # expect: [ab...]
print("[" + "ab".rjust(5) + "]")  # expect: [   ab]
print("42".zfill(5), "-42".zfill(5))  # expect: 00042 -0042
print("[" + "abc".center(6, "*") + "]")  # expect: [*abc**]
