print("abc".replace("", "-"))  # expect: -a-b-c-
print("abc".replace("", "-", 2))  # expect: -a-bc
print("aaaa".replace("aa", "b"))  # expect: bb
print("aaa".replace("a", "b", 0), "aaa".replace("a", "b", -1))  # expect: aaa bbb
