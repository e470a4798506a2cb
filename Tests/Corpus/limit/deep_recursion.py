def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("caught:", e)  # expect: caught: maximum recursion depth exceeded
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(20))  # expect: 2432902008176640000
down(0)
# expect-error: RecursionError: maximum recursion depth exceeded
