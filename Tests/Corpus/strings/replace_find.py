s = "hello world"
print(s.replace("o", "0"))  # expect: hell0 w0rld
print(s.replace("o", "0", 1))  # expect: hell0 world
print(s.find("o"), s.find("z"))  # expect: 4 -1
print(s.index("w"))  # expect: 6
print(s.count("l"))  # expect: 3
print(s.rfind("o"))  # expect: 7
