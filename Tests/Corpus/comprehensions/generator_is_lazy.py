def noisy(x):
    print("computing", x)
    return x * 2
g = (noisy(x) for x in range(3))
print("created")  # expect: created
print(next(g))
# expect: computing 0
# expect: 0
print(any(noisy(x) > 1 for x in range(10)))
# expect: computing 0
# expect: computing 1
# expect: True
import itertools
print(next(x for x in itertools.count() if x * x > 50))  # expect: 8
e = (x for x in range(2))
print(list(e), list(e))  # expect: [0, 1] []
xs = [1, 2]
later = (x for x in xs)
xs.append(3)
print(list(later))  # expect: [1, 2, 3]
print(list((i, j) for i in range(3) for j in range(i) if j != 1))  # expect: [(1, 0), (2, 0)]
