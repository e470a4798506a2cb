d = {'a': 1, 'b': 2}
for k in list(d):
    d[k * 2] = 0
print(d)  # expect: {'a': 1, 'b': 2, 'aa': 0, 'bb': 0}
for k in d:
    d[k] = 5
print(d)  # expect: {'a': 5, 'b': 5, 'aa': 5, 'bb': 5}
s = {1, 2}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e)  # expect: Set changed size during iteration
for k in d:
    del d[k]
# expect-error: RuntimeError: dictionary changed size during iteration
