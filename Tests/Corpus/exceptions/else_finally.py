def run(fail):
    try:
        if fail:
            raise ValueError("bad")
    except ValueError as e:
        print("except", e)
    else:
        print("else")
    finally:
        print("finally")
run(False)
# expect: else
# expect: finally
run(True)
# expect: except bad
# expect: finally
