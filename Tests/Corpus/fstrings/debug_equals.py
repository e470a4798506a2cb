x = 10
print(f'{x=}')  # expect: x=10
print(f'{x + 1 = }')  # expect: x + 1 = 11
print(f'{"s"=}')  # expect: "s"='s'
print(f'{x=:5d}')  # expect: x=   10
