def v(n):
    print("eval", n)
    return n
print(v(1) < v(2) < v(3))
# expect: eval 1
# expect: eval 2
# expect: eval 3
# expect: True
print(v(3) < v(2) < v(1))
# expect: eval 3
# expect: eval 2
# expect: False
