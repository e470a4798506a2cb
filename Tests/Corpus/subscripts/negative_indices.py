xs = [10, 20, 30]
print(xs[-1], xs[-3], (1, 2)[-2], "abc"[-1])  # expect: 30 10 1 c
xs[-1] += 5
print(xs)  # expect: [10, 20, 35]
