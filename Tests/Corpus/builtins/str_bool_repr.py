print(str(1), str(1.5), str(None), str([1, 'a']))  # expect: 1 1.5 None [1, 'a']
print(bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool(None))  # expect: False True False True False True False
print(repr("a'b"), repr('a"b'), repr(1.0))  # expect: "a'b" 'a"b' 1.0
print(str(), bool())  # expect:  False
