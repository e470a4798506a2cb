print("key=value=x".partition("="))  # expect: ('key', '=', 'value=x')
print("a\nb\n".splitlines())  # expect: ['a', 'b']
print("a\n\nb".splitlines())  # expect: ['a', '', 'b']
