def sign(x):
    if x > 0:
        return "+"
    elif x < 0:
        return "-"
    else:
        return "0"
print(sign(5), sign(-2), sign(0))  # expect: + - 0
if []:
    print("no")
elif {}:
    print("no")
else:
    print("empty containers are false")  # expect: empty containers are false
