print(3e-2)  # expect: 0.03
print(1.)  # expect: 1.0
print(.5)  # expect: 0.5
print(1e3)  # expect: 1000.0
print(2.5E-3)  # expect: 0.0025
print(1_000.5)  # expect: 1000.5
