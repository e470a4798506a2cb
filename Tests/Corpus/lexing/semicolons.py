a = 1; b = 2; print(a + b)  # expect: 3
if True: x = 5; print(x)  # expect: 5
print("done");  # expect: done
