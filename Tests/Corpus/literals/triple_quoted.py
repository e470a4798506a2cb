s = """line one
line two"""
print(s)
# expect: line one
# expect: line two
t = '''it's "fine"'''
print(t)  # expect: it's "fine"
print(len("""ab
cd"""))  # expect: 5
