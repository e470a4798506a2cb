def outer(n):
    def walk(k):
        return 0 if k == 0 else 1 + walk(k - 1)
    return walk(n)
print(outer(5))  # expect: 5
