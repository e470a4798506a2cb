width, prec = 10, 3
x = 2.718281828
print(f'{x:{width}.{prec}f}|')  # expect:      2.718|
print(f'{"hi":>{width}}|')  # expect:         hi|
