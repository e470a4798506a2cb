print(f'{1/3}')  # expect: 0.3333333333333333
print(f'{2.0}')  # expect: 2.0
print(f'{1e-5}')  # expect: 1e-05
print(f'{True} {None}')  # expect: True None
print(f'{7:.2f}')  # expect: 7.00
