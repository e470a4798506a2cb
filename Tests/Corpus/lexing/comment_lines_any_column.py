# Comment-only lines are ignored whatever their column (as in seed 004).
total = 0
for i in range(3):
# a comment at column 0 inside the loop
        # a comment indented deeper than the block
    total += i
  # a comment at an odd column
    total += 10
print(total)  # expect: 33
