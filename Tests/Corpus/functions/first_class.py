def f():
    return 1
g = f
ops = {'f': f, 'len': len}
print(g(), ops['len']("abc"))  # expect: 1 3
f.tag = "marked"
print(g.tag)  # expect: marked
