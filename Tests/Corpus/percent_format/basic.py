i, loss = 9, 0.123456
print('Step %d, loss %.3f' % (i + 1, loss))  # expect: Step 10, loss 0.123
print('%s and %r' % ('a', 'a'))  # expect: a and 'a'
print('%d%%' % 50)  # expect: 50%
print('%s' % [1, 2])  # expect: [1, 2]
print('%s' % (1,))  # expect: 1
