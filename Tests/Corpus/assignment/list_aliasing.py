a = [1, 2, 3]
b = a
b[0] = 100
print(a)  # expect: [100, 2, 3]
c = a[:]
c[1] = 200
print(a, c)  # expect: [100, 2, 3] [100, 200, 3]
grid = [[0] * 2] * 2
grid[0][0] = 1
print(grid)  # expect: [[1, 0], [1, 0]]
fresh = [[0] * 2 for _ in range(2)]
fresh[0][0] = 1
print(fresh)  # expect: [[1, 0], [0, 0]]
def mutate(xs):
    xs.append("m")
mutate(a)
print(a)  # expect: [100, 2, 3, 'm']
