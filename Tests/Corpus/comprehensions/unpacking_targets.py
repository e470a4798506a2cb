pairs = [(1, 'a'), (2, 'b')]
print([f"{n}{s}" for n, s in pairs])  # expect: ['1a', '2b']
print({s: n for n, s in pairs})  # expect: {'a': 1, 'b': 2}
