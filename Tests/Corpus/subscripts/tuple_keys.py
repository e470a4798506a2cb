d = {}
d[1, 2] = "pair"
d[(3,)] = "single"
print(d[1, 2], d[3,], d)  # expect: pair single {(1, 2): 'pair', (3,): 'single'}
