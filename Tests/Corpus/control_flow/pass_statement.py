def todo():
    pass
class Empty:
    pass
for _ in range(2):
    pass
print(todo(), Empty.__name__)  # expect: None Empty
