import Testing
@testable import Frontend

@Suite("REPL input rules")
struct ReplInputTests {
    @Test("auto-indent", arguments: [
        ("x = 1", ""), ("def f():", "    "), ("    if a:  # why", "        "), ("    return 1", ""),
        ("        pass", "    "), ("    x = 'a:'", "    "), ("\tfor i in y:", "        "), ("  ", "  "),
        ("def f():\n    return 1", ""),
    ])
    func indent(line: String, expected: String) {
        #expect(ReplInput.nextIndent(after: line) == expected)
    }

    @Test("trailing semicolon", arguments: [
        ("x;", true), ("x", false), ("x;  # c", true), ("f(';')", false), ("a = 1\nb;\n\n", true), ("'#';", true),
    ])
    func semicolon(source: String, expected: Bool) {
        #expect(ReplInput.endsWithSemicolon(source) == expected)
    }

    @Test("help queries", arguments: [
        ("len?", "len"), ("?len", "len"), ("torch.zeros??", "torch.zeros"), ("  x? ", "x"), ("%timeit?", "%timeit"),
        ("print('?')", nil), ("a ? b", nil), ("?", nil), ("1?", nil),
    ] as [(String, String?)])
    func help(cell: String, expected: String?) {
        #expect(ReplInput.helpQuery(cell) == expected)
    }

    @Test("magic parsing")
    func magics() {
        #expect(ReplInput.magic("%time x = 1") == MagicCommand(name: "time", arguments: "x = 1", body: nil))
        #expect(ReplInput.magic("%who") == MagicCommand(name: "who", arguments: "", body: nil))
        #expect(ReplInput.magic("%%timeit -n 2 a = 1\nb = a + 1") == MagicCommand(name: "timeit", arguments: "-n 2 a = 1", body: "b = a + 1"))
        #expect(ReplInput.magic("x % 2") == nil)
        #expect(ReplInput.magic("% x") == nil)
    }

    @Test("cells that are complete", arguments: [
        ("x = 1", false, true), ("for i in y:", false, false), ("for i in y:\n    pass", false, false),
        ("for i in y:\n    pass\n", false, true), ("for i in y:\n    pass", true, true), ("f(1,", false, false),
        ("f(1,\n2", true, false), ("%%timeit", false, false), ("%%timeit\nx", false, false), ("%%timeit\nx\n", false, true),
    ])
    func complete(cell: String, block: Bool, expected: Bool) {
        let last = String(cell.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
        #expect(ReplInput.isComplete(cell, lastWasBlock: block, lastLine: last) == expected)
    }

    @Test("single-line commands", arguments: [("%who", true), ("%%time", false), ("x?", true), ("x", false)])
    func singleLine(line: String, expected: Bool) {
        #expect(ReplInput.isSingleLineCommand(line) == expected)
    }

    @Test("pasted prompts are stripped", arguments: [
        (">>> x = 1\n>>> x\n1", "x = 1\nx"),
        ("In [1]: def f():\n   ...:     return 2\n   ...: ", "def f():\n    return 2"),
        ("In [12]: a\nOut[12]: 3", "a"),
        ("x = 1\n>>> y", "x = 1\n>>> y"),
        ("def f():\n    return 1", "def f():\n    return 1"),
    ])
    func stripPrompts(text: String, expected: String) {
        #expect(ReplInput.stripPrompts(text) == expected)
    }
}
