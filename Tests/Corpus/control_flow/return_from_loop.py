def first_even(xs):
    for x in xs:
        while True:
            if x % 2 == 0:
                return x
            break
    return None
print(first_even([1, 3, 6, 8]))  # expect: 6
