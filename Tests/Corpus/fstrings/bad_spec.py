print(f'{"abc":d}')
# expect-error: ValueError: Unknown format code 'd' for object of type 'str'
