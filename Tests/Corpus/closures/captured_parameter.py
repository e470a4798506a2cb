def adder(n):
    return lambda x: x + n
add5 = adder(5)
print(add5(1), adder(10)(1))  # expect: 6 11
