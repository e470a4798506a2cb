print(10.0 ** 308)  # expect: 1e+308
print(1e308 * 10)  # expect: inf
print(2.0 ** 1024)
# expect-error: OverflowError: (34, 'Numerical result out of range')
