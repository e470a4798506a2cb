print("Hello".upper(), "Hello".lower())  # expect: HELLO hello
print("hello world".title())  # expect: Hello World
print("hello".capitalize())  # expect: Hello
print("123".isdigit(), "12a".isdigit())  # expect: True False
print("abc".isalpha(), "ab1".isalnum(), " ".isspace())  # expect: True True True
print("ABC".isupper(), "abc".islower())  # expect: True True
