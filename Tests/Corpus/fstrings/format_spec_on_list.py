print(f"{[1]!s:>5}|")  # expect:   [1]|
print(f"{[1]:>5}")
# expect-error: TypeError: unsupported format string passed to list.__format__
