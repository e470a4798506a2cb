del never_defined
# expect-error: NameError: name 'never_defined' is not defined
