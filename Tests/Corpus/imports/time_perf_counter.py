import time
t0 = time.perf_counter()
total = sum(range(1000))
t1 = time.perf_counter()
print(total, t1 >= t0, isinstance(t1 - t0, float))  # expect: 499500 True True
print(type(time.time()).__name__)  # expect: float
