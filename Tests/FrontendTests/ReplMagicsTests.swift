import Foundation
import Testing
@testable import Frontend

@Suite("REPL magics")
struct ReplMagicsTests {
    @Test("%who lists user variables, nine per line, tab separated")
    func who() {
        let r = runScript(typed("b = 1", "a = 'x'", "_hidden = 2", "%who", "%who str"), interactive: false)
        #expect(r.out.stdout == "a\t b\t \na\t \n")
    }

    @Test("%who on an empty namespace")
    func whoEmpty() {
        let r = runScript(typed("%who", "%who int"), interactive: false)
        #expect(r.out.stdout == "Interactive namespace is empty.\nNo variables match your requested type.\n")
    }

    @Test("%whos: table with tensor shape and dtype")
    func whos() {
        let r = runScript(typed("import torch", "X = torch.zeros(2, 3)", "n = [1, 2]", "s = 'hi'", "%whos"), interactive: false)
        let lines = r.out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Variable   Type      Data/Info")
        #expect(lines.dropFirst().first == String(repeating: "-", count: 30))
        #expect(lines.contains("X          Tensor    2x3: 6 elems, type `float32`, 24 bytes"))
        #expect(lines.contains("n          list      n=2"))
        #expect(lines.contains("s          str       hi"))
        #expect(lines.contains { $0.hasPrefix("torch      module") })
    }

    @Test("%reset -f clears variables and output history, keeps In and the count")
    func reset() {
        let r = runScript(typed("x = 1", "x", "%reset -f", "'x' in globals()", "len(Out)", "len(In)"), interactive: false)
        #expect(r.out.stdout == "Out[2]: 1\nOut[4]: False\nOut[5]: 1\nOut[6]: 7\n")
    }

    @Test("%reset asks on a terminal; no keeps the variables")
    func resetAsks() {
        let r = runScript(typed("x = 1", "%reset", "n", "x"))
        #expect(r.reader.prompts.contains { $0.prompt.hasPrefix("Once deleted, variables cannot be recovered.") })
        #expect(r.out.stdout.contains("Nothing done."))
        #expect(r.out.stdout.contains("Out[3]: 1"))
    }

    @Test("%history, with numbers, ranges and -l")
    func history() {
        let r = runScript(typed("a = 1", "def f():\n    return 2", "%history", "%history -n 1-2", "%history -l 1"), interactive: false)
        #expect(r.out.stdout == """
            a = 1
            def f():
                return 2
            %history
               1: a = 1
               2:
            def f():
                return 2
            %history -l 1

            """)
    }

    @Test("%history -g searches the history")
    func historyGrep() {
        let r = runScript(typed("alpha = 1", "beta = 2", "%history -g alp"), interactive: false)
        #expect(r.out.stdout == "   1: alpha = 1\n   3: %history -g alp\n")
    }

    @Test("%save writes the code cells as a notebook; %run replays it in a fresh session")
    func saveAndRun() throws {
        let dir = temporaryDirectory()
        let path = dir + "/session"
        let r = runScript(typed("x = 6", "%who", "def twice(v):\n    return 2 * v", "y = twice(x)", "%save \(path)"),
                          interactive: false)
        #expect(r.out.stderr == "")
        let text = try String(contentsOfFile: path + ".cnb", encoding: .utf8)
        #expect(text == "# %%\nx = 6\n\n# %%\ndef twice(v):\n    return 2 * v\n\n# %%\ny = twice(x)\n")
        let again = runScript(typed("%run \(path).cnb", "y"), interactive: false)
        #expect(again.out.stdout == "Out[2]: 12\n")
    }

    @Test("%run stops at the first error and reports it")
    func runError() throws {
        let dir = temporaryDirectory()
        try "# %%\na = 1\n\n# %%\n1/0\n\n# %%\nb = 2\n".write(toFile: dir + "/bad.cnb", atomically: true, encoding: .utf8)
        let r = runScript(typed("%run \(dir)/bad.cnb", "a", "'b' in globals()"), interactive: false)
        #expect(r.out.stderr.contains("ZeroDivisionError"))
        #expect(r.out.stdout == "Out[2]: 1\nOut[3]: False\n")
        #expect(r.code == 70)
    }

    @Test("%load puts the file into the next input")
    func load() throws {
        let dir = temporaryDirectory()
        try "z = 40\nz + 2\n".write(toFile: dir + "/snippet.py", atomically: true, encoding: .utf8)
        let r = runScript(typed("%load \(dir)/snippet.py"), interactive: false)
        #expect(r.out.stdout == "Out[2]: 42\n")
        #expect(r.session.inputs.last == "# %load \(dir)/snippet.py\nz = 40\nz + 2")
    }

    @Test("file magics report missing files as usage errors")
    func missingFile() {
        let r = runScript(typed("%run /nonexistent/x.cnb", "%load /nonexistent/y"), interactive: false)
        #expect(r.out.stderr.contains("UsageError: cnb: cannot read /nonexistent/x.cnb"))
        #expect(r.code == 70)
    }

    @Test("%pwd shows the working directory as Out")
    func pwd() {
        let r = runScript(typed("%pwd"), interactive: false)
        #expect(r.out.stdout == "Out[1]: '\(FileManager.default.currentDirectoryPath)'\n")
    }

    @Test("%time prints CPU and wall time, then the value")
    func time() {
        let r = runScript(typed("%time sum(range(10))"), interactive: false)
        let lines = r.out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("CPU times: user "))
        #expect(lines[0].contains(", sys: "))
        #expect(lines[0].contains(", total: "))
        #expect(lines[1].hasPrefix("Wall time: "))
        #expect(lines[2] == "Out[1]: 45")
    }

    @Test("%timeit with -n and -r, line and cell forms")
    func timeit() {
        let r = runScript(typed("%timeit -n 3 -r 2 x = 1 + 1", "%%timeit -n 2 -r 1 a = [1]", "b = a * 2", ""), interactive: false)
        // Noisy runs may add IPython's "The slowest run took …" line.
        let lines = r.out.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("The slowest run") }
        #expect(lines.count == 2)
        guard lines.count == 2 else { return }
        #expect(lines[0].hasSuffix(" per loop (mean ± std. dev. of 2 runs, 3 loops each)"))
        #expect(lines[1].hasSuffix(" per loop (mean ± std. dev. of 1 run, 2 loops each)"))
        #expect(lines[0].contains(" ± "))
        #expect(r.out.stderr == "")
        #expect(!r.session.interp.globalNames.contains { $0.hasPrefix("__cnb") })
    }

    @Test("%timeit reports errors in the statement")
    func timeitError() {
        let r = runScript(typed("%timeit -n 1 -r 1 1/0"), interactive: false)
        #expect(r.out.stderr.contains("ZeroDivisionError"))
    }

    @Test("IPython's time format", arguments: [
        (0.0, "0 ns"), (1.5e-6, "1.5 µs"), (0.000123456, "123 µs"), (0.0123, "12.3 ms"), (2.5, "2.5 s"),
        (65.0, "1min 5s"), (3600.5, "1h"), (1.0e-9, "1 ns"), (0.9999, "1e+03 ms"),
    ])
    func formatTime(seconds: Double, expected: String) {
        #expect(ReplSession.formatTime(seconds) == expected)
    }

    @Test("IPython's timeit line")
    func timeitReport() {
        #expect(ReplSession.timeitReport([1e-6, 1e-6], loops: 1_000_000)
            == "1 µs ± 0 ns per loop (mean ± std. dev. of 2 runs, 1,000,000 loops each)\n")
        #expect(ReplSession.timeitReport([1e-3, 5e-3], loops: 1).hasPrefix("The slowest run took 5.00 times longer"))
    }

    @Test("timeit options", arguments: [
        ("-n 5 x", 5, 7, "x"), ("-r 2 -q f(1)", nil, 2, "f(1)"), ("y = -n", nil, 7, "y = -n"),
    ] as [(String, Int?, Int, String)])
    func timeitOptions(args: String, loops: Int?, runs: Int, statement: String) throws {
        let o = try ReplSession.parseTimeit(args)
        #expect(o.loops == loops)
        #expect(o.runs == runs)
        #expect(o.statement == statement)
    }

    @Test("unknown magics are usage errors")
    func unknown() {
        let r = runScript(typed("%nosuch 1", "%%nosuch", "x", ""), interactive: false)
        #expect(r.out.stderr == "UsageError: Line magic function `%nosuch` not found.\nUsageError: Cell magic `%%nosuch` not found.\n")
    }

    @Test("obj? and ?obj show signature, docstring and type; help() works")
    func help() {
        let r = runScript(typed("def f(a, b=2):\n    \"Adds.\"\n    return a + b", "f?", "?len", "nosuch?", "%timeit?"),
                          interactive: false)
        #expect(r.out.stdout.contains("Signature: f(a, b="))
        #expect(r.out.stdout.contains("Docstring: Adds.\nType:      function\n"))
        #expect(r.out.stdout.contains("Signature: len("))
        #expect(r.out.stdout.contains("Object `nosuch` not found.\n"))
        #expect(r.out.stdout.contains("%timeit: "))
    }

    @Test("%lsmagic lists the magics")
    func lsmagic() {
        let r = runScript(typed("%lsmagic"), interactive: false)
        #expect(r.out.stdout.contains("%timeit"))
        #expect(r.out.stdout.contains("%%time"))
    }
}
