s = "text"
print(f'{s!r} {s!s} {s}')  # expect: 'text' text text
print(f'{s!r:>8}|')  # expect:   'text'|
