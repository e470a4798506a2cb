class HTTPError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return f"HTTP {self.code}"
try:
    raise HTTPError(404, "missing")
except HTTPError as e:
    print(e, e.args)  # expect: HTTP 404 (404, 'missing')
raise HTTPError(500, "boom")
# expect-error: HTTPError: HTTP 500
