print('single', "double")  # expect: single double
print("it's", 'say "hi"')  # expect: it's say "hi"
print('a' 'b' "c")  # expect: abc
print('')  # expect:
