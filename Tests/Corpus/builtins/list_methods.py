xs = [1, 2]
xs.append(3); xs.extend([4, 5]); xs.insert(0, 0)
print(xs)  # expect: [0, 1, 2, 3, 4, 5]
print(xs.pop(), xs.pop(0), xs)  # expect: 5 0 [1, 2, 3, 4]
xs.remove(3)
print(xs, xs.index(4), xs.count(1))  # expect: [1, 2, 4] 2 1
xs.reverse()
print(xs, xs.copy() is xs)  # expect: [4, 2, 1] False
xs.clear()
print(xs)  # expect: []
