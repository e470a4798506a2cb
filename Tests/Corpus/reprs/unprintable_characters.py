print(repr("\u2028"), repr("\u00a0"), repr("\u200b"))  # expect: '\u2028' '\xa0' '\u200b'
print(repr("é中😀"), repr("\x1b[0m"))  # expect: 'é中😀' '\x1b[0m'
print(ascii("λx"))  # expect: '\u03bbx'
