for i in range(3):
    pass
print(i)  # expect: 2
def f():
    for j in []:
        pass
    return j
try:
    f()
except UnboundLocalError as e:
    print("unbound")  # expect: unbound
