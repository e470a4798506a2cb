raise 5
# expect-error: TypeError: exceptions must derive from BaseException
