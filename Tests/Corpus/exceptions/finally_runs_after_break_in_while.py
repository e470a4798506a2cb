n = 0
while True:
    try:
        n += 1
        if n == 3:
            break
    finally:
        print("tick", n)
# expect: tick 1
# expect: tick 2
# expect: tick 3
