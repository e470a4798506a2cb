import Testing
import Interpreter
import LineEditor
@testable import Frontend

@Suite("REPL completion")
struct ReplCompleterTests {
    /// A session after running `setup`, and its completer.
    func completer(_ setup: String...) -> (ReplCompleter, CaptureSink) {
        let r = runScript(setup.map { .line($0) }, interactive: false)
        return (ReplCompleter(interp: r.session.interp), r.out)
    }

    @Test("names, keywords and builtins", arguments: [
        ("pri", "pri", ["print"]), ("x = wh", "wh", ["while"]), ("my", "my", ["my_value", "my_var"]),
        ("1 + my_va", "my_va", ["my_value", "my_var"]), ("(len", "len", ["len"]), ("zzz", "zzz", []),
    ])
    func names(before: String, prefix: String, expected: [String]) {
        let (c, _) = completer("my_value = 1", "my_var = 2")
        let result = c.complete(before)
        #expect(result.prefix == prefix)
        #expect(result.candidates == expected)
    }

    @Test("module members: torch.ze → torch.zeros")
    func moduleMembers() {
        let (c, _) = completer("import torch")
        let result = c.complete("y = torch.ze")
        #expect(result.prefix == "ze")
        #expect(result.candidates.contains("zeros"))
        #expect(result.candidates.allSatisfy { $0.hasPrefix("ze") })
        #expect(c.complete("torch.nn.Con").candidates.contains("Conv2d"))
    }

    @Test("attributes of live objects: tensors and instances")
    func attributes() {
        let (c, _) = completer("import torch", "X = torch.ones(2, 2)", "class P:\n    def __init__(self):\n        self.value = 1\n    def run(self): pass",
                               "p = P()")
        #expect(c.complete("X.res").candidates.contains("reshape"))
        #expect(c.complete("p.va").candidates == ["value"])
        #expect(c.complete("p.").candidates == ["run", "value"])
        #expect(c.complete("p._").candidates.contains("__init__"))
    }

    @Test("completion never runs user code (properties, __getattr__)")
    func noUserCode() {
        let (c, out) = completer("class Q:\n    @property\n    def boom(self):\n        print('ran')\n        return self\n    def __getattr__(self, n):\n        print('getattr')\n        return 1",
                                 "q = Q()")
        _ = c.complete("q.boom.")
        _ = c.complete("q.other.x")
        _ = c.complete("q.b")
        #expect(!out.stdout.contains("ran"))
        #expect(!out.stdout.contains("getattr"))
        #expect(c.complete("q.b").candidates == ["boom"])
    }

    @Test("magics and file names")
    func magicsAndFiles() throws {
        let (c, _) = completer()
        #expect(c.complete("%ti").candidates == ["%time", "%timeit"])
        let dir = temporaryDirectory()
        try "".write(toFile: dir + "/notes.cnb", atomically: true, encoding: .utf8)
        let result = c.complete("%run \(dir)/no")
        #expect(result.candidates == ["\(dir)/notes.cnb"])
        #expect(result.prefix == "\(dir)/no")
    }

    @Test("the common prefix of candidates")
    func commonPrefix() {
        #expect(Completion(prefix: "a", candidates: ["alpha", "alphabet"]).commonPrefix == "alpha")
        #expect(Completion(prefix: "a", candidates: []).commonPrefix == "a")
        #expect(Completion(prefix: "", candidates: ["ab", "cd"]).commonPrefix == "")
    }
}
