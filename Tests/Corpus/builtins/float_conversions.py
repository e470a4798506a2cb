print(float('1e3'), float(' 2.5 '), float(3))  # expect: 1000.0 2.5 3.0
print(float('inf'), float('-inf'), float('nan'))  # expect: inf -inf nan
print(float('.5'), float('1.'), float())  # expect: 0.5 1.0 0.0
