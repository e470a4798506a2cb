import Foundation
import Testing

/// No input crashes the process: each bad input ends in a clear error and an exit code,
/// never a trap (signal) or a hang.
@Suite(.serialized) struct RobustnessTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        var status: Int32
        var errorLine: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "unterminated string", source: "x = 'abc\n", status: 65, errorLine: "SyntaxError: unterminated string literal (detected at line 1)"),
        Case(id: "unterminated triple string", source: "x = '''abc\n", status: 65, errorLine: "SyntaxError: unterminated triple-quoted string literal"),
        Case(id: "bad indentation", source: "x = 1\n    y = 2\n", status: 65, errorLine: "IndentationError: unexpected indent"),
        Case(id: "10,000 nested brackets", source: String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000), status: 65,
             errorLine: "SyntaxError: too many nested parentheses"),
        Case(id: "huge allocation", source: "import torch\ntorch.zeros(10**12)\n", status: 70,
             errorLine: "RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)"),
        Case(id: "index out of range", source: "import torch\ntorch.ones(3)[5]\n", status: 70,
             errorLine: "IndexError: index 5 is out of bounds for dimension 0 with size 3"),
        Case(id: "list index out of range", source: "[1, 2][7]\n", status: 70, errorLine: "IndexError: list index out of range"),
        Case(id: "missing name", source: "undefined_function(3)\n", status: 70, errorLine: "NameError: name 'undefined_function' is not defined"),
        Case(id: "deep recursion", source: "def f(n):\n    return f(n + 1)\nf(0)\n", status: 70, errorLine: "RecursionError: maximum recursion depth exceeded"),
        Case(id: "integer overflow", source: "2 ** 200\n", status: 70, errorLine: "OverflowError: integer power overflows 64 bits"),
        Case(id: "shape mismatch", source: "import torch\ntorch.ones(2, 3) @ torch.ones(4, 5)\n", status: 70,
             errorLine: "RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"),
        Case(id: "sandboxed open", source: "open('/etc/passwd')\n", status: 70,
             errorLine: "PermissionError: open() is not available: cnb notebooks are sandboxed (no files, network, processes or environment)"),
        Case(id: "sandboxed os", source: "import os\n", status: 70,
             errorLine: "ModuleNotFoundError: No module named 'os': cnb notebooks are sandboxed (no files, network, processes or environment)"),
    ]

    @Test(arguments: cases)
    func badInputGivesAClearError(_ c: Case) throws {
        let r = try runCNB(["run", "-"], stdin: "# %%\n" + c.source, timeout: 60)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        #expect(r.status == c.status)
        #expect(r.stdout.contains(c.errorLine), "stdout:\n\(r.stdout)")
    }

    @Test func randomBytesNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let bytes = (0..<Int.random(in: 1...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let dir = temporaryDirectory()
            let file = dir.appendingPathComponent("random.cnb")
            try Data(bytes).write(to: file)
            let r = try runCNB(["run", file.path], timeout: 30)
            #expect(!r.signaled, "crashed on \(bytes)")
            #expect([0, 65, 70, 74].contains(r.status), "status \(r.status) on \(bytes)")
        }
    }

    @Test func pythonishGarbageNeverCrashes() throws {
        let pieces = ["(", ")", "[", "]", "{", "}", ":", "def", "class", "x", "=", "+", "*", "**", "lambda", "'", "\"",
                      "\n", "    ", "if", "else", "for", "in", "1", "2.5", "torch", ".", ",", "import", "return", "\\", "#"]
        var gen = SystemRandomNumberGenerator()
        var source = "# %%\n"
        for _ in 0..<30 {
            var line = ""
            for _ in 0..<Int.random(in: 1...12, using: &gen) { line += pieces.randomElement(using: &gen)! + " " }
            source += line + "\n"
        }
        let r = try runCNB(["run", "-"], stdin: source, timeout: 30)
        #expect(!r.signaled)
        #expect([0, 65, 70].contains(r.status))
    }
}
