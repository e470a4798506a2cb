s = "abcdef"
print(s[1:4], s[:2], s[3:])  # expect: bcd ab def
print(s[-1], s[-3:])  # expect: f def
print(s[::2], s[::-1])  # expect: ace fedcba
print(s[4:1:-1])  # expect: edc
print(s[10:], s[-100:2])  # expect:  ab
