n = 2
s = f"""a{n}
b{n + 1}"""
print(s)
# expect: a2
# expect: b3
