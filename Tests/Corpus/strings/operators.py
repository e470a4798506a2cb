print("ab" + "cd")  # expect: abcd
print("ab" * 3, 2 * "x")  # expect: ababab xx
print("b" in "abc", "z" not in "abc")  # expect: True True
print("abc" < "abd", "B" < "a")  # expect: True True
print("-" * 0 == "")  # expect: True
