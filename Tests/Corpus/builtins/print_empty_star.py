print(*[], sep=",")  # expect:
print(*"abc")  # expect: a b c
