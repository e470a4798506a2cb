s = "abcabc"
print(s.find("c", 3), s.rfind("a"), s.rindex("b", 0, 4), s.find("a", -2), s.find("", 10))  # expect: 5 3 1 -1 -1
