"ab" * 1.5
# expect-error: TypeError: can't multiply sequence by non-int of type 'float'
