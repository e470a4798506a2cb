import math
print(math.pi)  # expect: 3.141592653589793
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1))  # expect: 4.0 2 3
print(math.exp(0), math.log(math.e))  # expect: 1.0 1.0
print(math.inf, -math.inf)  # expect: inf -inf
print(math.isnan(math.nan), math.isinf(math.inf))  # expect: True True
print(math.gcd(12, 18), math.factorial(5))  # expect: 6 120
print(round(math.sin(math.pi / 2), 6), math.fabs(-2))  # expect: 1.0 2.0
print(math.prod([1, 2, 3, 4]), math.isclose(0.1 + 0.2, 0.3))  # expect: 24 True
