calls = []
def idx():
    calls.append(1)
    return 0
xs = [10]
xs[idx()] += 5
print(xs, len(calls))  # expect: [15] 1
