print("they're bill's friends".title())  # expect: They'Re Bill'S Friends
print("hello WORLD 2nd".title())  # expect: Hello World 2Nd
