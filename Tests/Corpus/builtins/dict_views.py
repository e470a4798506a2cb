d = {'a': 1, 'b': 2}
ks = d.keys()
print(ks)  # expect: dict_keys(['a', 'b'])
print(d.values(), d.items())  # expect: dict_values([1, 2]) dict_items([('a', 1), ('b', 2)])
d['c'] = 3
print(len(ks), 'c' in ks)  # expect: 3 True
