import math as m
from math import sqrt as root, pi
print(m.sqrt(9), root(4), round(pi, 2))  # expect: 3.0 2.0 3.14
