print('{:,.2f}'.format(1234567.891))  # expect: 1,234,567.89
print('{:+.1f} {:08.3f} {:_}'.format(2.0, -3.14159, 10**6))  # expect: +2.0 -003.142 1_000_000
print('{:>8s}|{:<3d}|'.format("ab", 7))  # expect:       ab|7  |
