it = iter([1, 2])
print(next(it), next(it), next(it, "done"))  # expect: 1 2 done
next(it)
# expect-error: StopIteration
