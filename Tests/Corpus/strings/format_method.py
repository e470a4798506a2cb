print('{:>10}'.format('right') + '|')  # expect:      right|
print('{:<6}|{:^7}|'.format('ab', 'mid'))  # expect: ab    |  mid  |
print('{} + {} = {}'.format(1, 2, 3))  # expect: 1 + 2 = 3
print('{1} {0} {1}'.format('a', 'b'))  # expect: b a b
print('{name} is {age}'.format(name='Ann', age=7))  # expect: Ann is 7
print('{:.2f} {:5d} {:x}'.format(3.14159, 42, 255))  # expect: 3.14    42 ff
print('{0[1]} {0[0]}'.format(['x', 'y']))  # expect: y x
print('{{literal}} {}'.format(1))  # expect: {literal} 1
print('{!r}'.format('s'))  # expect: 's'
