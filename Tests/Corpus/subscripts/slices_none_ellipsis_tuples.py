class Echo:
    def __getitem__(self, key):
        return key
e = Echo()
print(e[1])  # expect: 1
print(e[1:2])  # expect: slice(1, 2, None)
print(e[::2])  # expect: slice(None, None, 2)
print(e[None])  # expect: None
print(e[...])  # expect: Ellipsis
print(e[1, 2])  # expect: (1, 2)
print(e[:, None, ..., -1])  # expect: (slice(None, None, None), None, Ellipsis, -1)
print(e[1:2, ::-1])  # expect: (slice(1, 2, None), slice(None, None, -1))
