xs = [1, 5, 2, 8]
if (n := len(xs)) > 3:
    print("long", n)  # expect: long 4
print([y for x in xs if (y := x * 2) > 4])  # expect: [10, 16]
