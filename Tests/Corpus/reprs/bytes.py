b = b'ab\n\x00'
print(b, len(b), "é".encode())  # expect: b'ab\n\x00' 4 b'\xc3\xa9'
