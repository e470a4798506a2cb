assert 1 + 1 == 2
try:
    assert False, "custom message"
except AssertionError as e:
    print("caught", e)  # expect: caught custom message
assert 2 < 1, f"{2} is not < {1}"
# expect-error: AssertionError: 2 is not < 1
