s = {1, 2}
s.add(3); s.discard(1); s.discard(99)
print(s)  # expect: {2, 3}
print(s.union({4}), s.intersection({3, 4}), s.difference({2}))  # expect: {2, 3, 4} {3} {3}
print({1}.issubset({1, 2}), 2 in s)  # expect: True True
s.remove(2)
print(s)  # expect: {3}
