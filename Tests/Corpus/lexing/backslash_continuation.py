x = 1 + \
    2 + \
    3
print(x)  # expect: 6
if x == 6 and \
   x > 0:
    print("yes")  # expect: yes
