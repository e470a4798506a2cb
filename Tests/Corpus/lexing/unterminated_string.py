s = "abc
# expect-syntax-error: SyntaxError: unterminated string literal (detected at line 1)
