for make in (lambda: [0] * 10**12, lambda: "ab" * 10**12, lambda: "x".center(10**12), lambda: (1,) * 10**13):
    try:
        make()
    except MemoryError:
        print("MemoryError")
# expect: MemoryError
# expect: MemoryError
# expect: MemoryError
# expect: MemoryError
xs = [1, 2]
xs *= 10**12
# expect-error: MemoryError
