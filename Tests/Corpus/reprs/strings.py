print(repr("plain"), repr("it's"), repr('say "x"'))  # expect: 'plain' "it's" 'say "x"'
print(repr("both ' and \""))  # expect: 'both \' and "'
print(repr("tab\there\nnewline\\"))  # expect: 'tab\there\nnewline\\'
print(repr("\x00\x7f"), repr("中文"))  # expect: '\x00\x7f' '中文'
print(["a", 'b'])  # expect: ['a', 'b']
