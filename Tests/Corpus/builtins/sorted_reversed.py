print(sorted([3, 1, 2]), sorted("cab"), sorted([3, 1], reverse=True))  # expect: [1, 2, 3] ['a', 'b', 'c'] [3, 1]
words = ["bb", "a", "ccc", "dd"]
print(sorted(words, key=len))  # expect: ['a', 'bb', 'dd', 'ccc']
print(sorted(words, key=len, reverse=True))  # expect: ['ccc', 'bb', 'dd', 'a']
print(sorted({'b': 1, 'a': 2}.items(), key=lambda kv: kv[1]))  # expect: [('b', 1), ('a', 2)]
print(list(reversed([1, 2, 3])), list(reversed(range(3))), ''.join(reversed("abc")))  # expect: [3, 2, 1] [2, 1, 0] cba
xs = [3, 1, 2]
xs.sort(key=lambda v: -v)
print(xs)  # expect: [3, 2, 1]
