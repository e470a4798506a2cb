print('%s' % ((1, 2),))  # expect: (1, 2)
print('%s-%s' % ("a", "b"))  # expect: a-b
print('%r' % "q")  # expect: 'q'
