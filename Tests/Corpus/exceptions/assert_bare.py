assert [] 
# expect-error: AssertionError
