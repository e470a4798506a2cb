print('%x %X %o' % (255, 255, 8))  # expect: ff FF 10
print('%e' % 12345.678)  # expect: 1.234568e+04
print('%g %g' % (0.0001, 1e20))  # expect: 0.0001 1e+20
print('%i' % 3.9)  # expect: 3
print('%c' % 65)  # expect: A
print('%.2s' % 'abc')  # expect: ab
