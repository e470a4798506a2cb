def mean(xs):
    return sum(xs) / len(xs)
print(mean([1, 2, 3]))  # expect: 2.0
mean([])
# expect-error: ZeroDivisionError: division by zero
