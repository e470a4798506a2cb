# Names that start with keywords are ordinary names.
iffy = 1
form = 2
nonesuch = 3
print(iffy + form + nonesuch)  # expect: 6
