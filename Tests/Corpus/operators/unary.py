x = 5
print(-x, +x, --x)  # expect: -5 5 5
print(not x, not 0)  # expect: False True
print(~5, -True)  # expect: -6 -1
print(-0.0)  # expect: -0.0
