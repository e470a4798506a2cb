d = {'name': 'conv', 'n': 3}
print('%(name)s has %(n)d layers' % d)  # expect: conv has 3 layers
