x = 3.14159
print(f'{x:.3f}')  # expect: 3.142
print(f'{x:8.2f}|')  # expect:     3.14|
print(f'{x:<8.1f}|')  # expect: 3.1     |
print(f'{42:05d}')  # expect: 00042
print(f'{255:x} {255:X} {5:b} {8:o}')  # expect: ff FF 101 10
print(f'{1234567:,}')  # expect: 1,234,567
print(f'{0.25:.1%}')  # expect: 25.0%
print(f'{12345.678:e}')  # expect: 1.234568e+04
print(f'{0.0001:g} {1e20:g}')  # expect: 0.0001 1e+20
print(f'{"ab":>5}|{"ab":^6}|{"ab":*<4}')  # expect:    ab|  ab  |ab**
print(f'{-3:+d} {3:+d} {3: d}')  # expect: -3 +3  3
