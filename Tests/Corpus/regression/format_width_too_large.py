# Found by fuzzing (FuzzInterpreter: Swift's allocator aborted): a %-format or format-spec width
# of 6845944445032522639 asked for that much memory. Like Python (which tries, and runs out),
# a field this wide raises MemoryError; a precision past a C int is "precision too big".
for fmt in ['%6845944445032522639X', '%99999999999d']:
    try:
        fmt % 255
    except MemoryError:
        print('MemoryError')  # expect: MemoryError
        # expect: MemoryError
try:
    '%.99999999999f' % 1.5
except ValueError as e:
    print(e)  # expect: precision too big
try:
    '{:99999999999}'.format(1)
except MemoryError:
    print('MemoryError')  # expect: MemoryError
try:
    f'{1:99999999999}'
except MemoryError:
    print('MemoryError')  # expect: MemoryError
print('%5d|%-4s|%.3f' % (42, 'ab', 2.5), '{:>6}'.format('x'))  # expect:    42|ab  |2.500      x
