for ch in "hé!":
    print(ch)
# expect: h
# expect: é
# expect: !
print(len("hé!"))  # expect: 3
print(list("ab"))  # expect: ['a', 'b']
