print(str("s"), str(["s"]), str(("s",)))  # expect: s ['s'] ('s',)
print(f"{['x']}", "%s" % ["y"], "{}".format(("z",)))  # expect: ['x'] ['y'] ('z',)
