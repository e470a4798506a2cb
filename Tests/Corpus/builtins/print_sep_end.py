print(1, 2, 3, sep="-")  # expect: 1-2-3
print("a", "b", sep="")  # expect: ab
print("no newline", end="")
print(" <- joined")  # expect: no newline <- joined
print("x", end="!\n")  # expect: x!
print()  # expect:
print("a", "b", sep=", ", end=".\n")  # expect: a, b.
print(*[1, 2], sep="|")  # expect: 1|2
print(None, 1.5, [1], "s")  # expect: None 1.5 [1] s
