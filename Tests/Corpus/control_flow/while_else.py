i = 0
while i < 3:
    i += 1
else:
    print("completed", i)  # expect: completed 3
while True:
    break
else:
    print("not printed")
print("end")  # expect: end
