x = 3  # a trailing comment with 'quotes' and "more"
s = "# not a comment"
print(x, s)  # expect: 3 # not a comment
