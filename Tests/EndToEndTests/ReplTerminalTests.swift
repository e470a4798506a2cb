import Foundation
import Testing

/// The REPL driven through a real pseudo-terminal (tmux). Skipped when tmux or the built
/// binary is missing.
@Suite("REPL in a terminal", .serialized, .enabled(if: TmuxRepl.available, "needs tmux and a built cnb"), .timeLimit(.minutes(1)))
struct ReplTerminalTests {
    @Test("prompts, Out[n] and a blank line between cells")
    func promptsAndOut() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.line("x = 21")
        try t.waitFor("In [2]: ")
        try t.line("x * 2")
        let screen = try t.waitFor("In [3]: ")
        #expect(screen.contains("In [1]: x = 21\n\nIn [2]: x * 2\nOut[2]: 42\n\nIn [3]:"))
    }

    @Test("continuation prompt with auto-indent; an empty line runs the block")
    func continuation() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.line("for i in range(3):")
        try t.waitFor("   ...:     ")
        try t.line("print(i * 10)")
        try t.waitFor { $0.components(separatedBy: "   ...:").count == 3 }
        try t.keys("Enter")
        let screen = try t.waitFor("In [2]: ")
        #expect(screen.contains("In [1]: for i in range(3):\n   ...:     print(i * 10)\n   ...:\n0\n10\n20\n"))
    }

    @Test("history survives a restart; Up recalls by prefix")
    func historyAfterRestart() throws {
        let first = try TmuxRepl()
        try first.waitFor("In [1]: ")
        try first.line("alpha_value = 7")
        try first.waitFor("In [2]: ")
        try first.line("beta_value = 8")
        try first.waitFor("In [3]: ")
        try first.keys("C-d")
        try first.waitFor("Do you really want to exit ([y]/n)? ")
        try first.line("y")
        try first.waitFor("[exit 0]")
        let history = try String(contentsOfFile: first.stateHome + "/cnb/history", encoding: .utf8)
        #expect(history.contains("alpha_value"))

        let second = try TmuxRepl(stateHome: first.stateHome)
        try second.waitFor("In [1]: ")
        try second.type("alp")
        try second.keys("Up")
        try second.waitFor("In [1]: alpha_value = 7")
        try second.keys("Enter")
        try second.waitFor("In [2]: ")
        try second.line("alpha_value + 1")
        #expect(try second.waitFor("Out[2]: 8").contains("Out[2]: 8"))
    }

    @Test("Tab completes module members and attributes")
    func tabCompletion() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.line("import torch")
        try t.waitFor("In [2]: ")
        try t.type("X = torch.ze")
        try t.keys("Tab")
        try t.waitFor("In [2]: X = torch.zeros")
        try t.line("((2, 3))")
        try t.waitFor("In [3]: ")
        try t.type("X.resh")
        try t.keys("Tab")
        try t.waitFor("In [3]: X.reshape")
        try t.line("(3, 2).shape")
        #expect(try t.waitFor("Out[3]: torch.Size([3, 2])").contains("Out[3]: torch.Size([3, 2])"))
    }

    @Test("Ctrl-C stops a running loop; variables survive")
    func interruptLoop() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.line("n = 5")
        try t.waitFor("In [2]: ")
        try t.line("while True: n = n + 0")
        usleep(300_000)
        try t.keys("C-c")
        let screen = try t.waitFor("In [3]: ")
        #expect(screen.contains("KeyboardInterrupt"))
        try t.line("n")
        #expect(try t.waitFor("Out[3]: 5").contains("Out[3]: 5"))
    }

    @Test("Ctrl-C at the prompt drops the line and keeps the number")
    func interruptAtPrompt() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.type("garbage")
        try t.waitFor("In [1]: garbage")
        try t.keys("C-c")
        try t.waitFor { $0.components(separatedBy: "In [1]:").count == 3 }
        try t.line("1 + 1")
        #expect(try t.waitFor("Out[1]: 2").contains("Out[1]: 2"))
    }

    @Test("a bracketed paste of a function goes in as it is")
    func bracketedPaste() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.paste("def add(a, b):\n    if a:\n        return a + b\n    return b\n")
        try t.waitFor("        return a + b")
        try t.keys("Enter")
        try t.waitFor("In [2]: ")
        try t.line("add(2, 3), add(0, 4)")
        let screen = try t.waitFor("Out[2]: (5, 4)")
        #expect(screen.contains("Out[2]: (5, 4)"))
        #expect(!screen.contains("            return"))
        #expect(!screen.contains("Error"))
    }

    @Test("CJK text typed at the prompt, with no locale in the environment")
    func cjk() throws {
        let t = try TmuxRepl(environment: ["LANG": ""])
        try t.waitFor("In [1]: ")
        try t.line("名字 = '张三'")
        try t.waitFor("In [2]: ")
        try t.line("名字 + '你好'")
        #expect(try t.waitFor("Out[2]: '张三你好'").contains("Out[2]: '张三你好'"))
    }

    @Test("Ctrl-D on a fresh prompt exits at once")
    func ctrlDExit() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.keys("C-d")
        let screen = try t.waitFor("[exit 0]")
        #expect(screen.contains("[exit 0]"))
        #expect(!screen.contains("Do you really want to exit"))
    }

    @Test("Ctrl-D after cells asks; n stays")
    func ctrlDAsks() throws {
        let t = try TmuxRepl()
        try t.waitFor("In [1]: ")
        try t.line("v = 3")
        try t.waitFor("In [2]: ")
        try t.keys("C-d")
        try t.waitFor("Do you really want to exit ([y]/n)? ")
        try t.line("n")
        try t.waitFor { $0.components(separatedBy: "In [2]:").count == 3 }
        try t.line("v")
        #expect(try t.waitFor("Out[2]: 3").contains("Out[2]: 3"))
    }

    @Test("colour prompts on a terminal, none with NO_COLOR")
    func colour() throws {
        let coloured = try TmuxRepl(environment: ["NO_COLOR": ""])
        let withEscapes = try coloured.waitFor(escapes: true) { $0.contains("In [") }
        #expect(withEscapes.contains("\u{1B}["))
        let plain = try TmuxRepl()
        #expect(!(try plain.waitFor(escapes: true) { $0.contains("In [") }).contains("\u{1B}[3"))
    }

    @Test("a corrupt history file is moved aside and the session works")
    func corruptHistory() throws {
        let state = NSTemporaryDirectory() + "cnb-e2e-corrupt-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state + "/cnb", withIntermediateDirectories: true)
        try Data([0x00, 0xFF, 0xFE, 0x0A, 0x01]).write(to: URL(fileURLWithPath: state + "/cnb/history"))
        let t = try TmuxRepl(stateHome: state)
        try t.waitFor("In [1]: ")
        try t.line("40 + 2")
        try t.waitFor("Out[1]: 42")
        try t.waitFor(timeout: 2) { _ in
            ((try? String(contentsOfFile: state + "/cnb/history", encoding: .utf8)) ?? "").contains("40")
        }
        #expect(FileManager.default.fileExists(atPath: state + "/cnb/history.corrupt"))
        #expect(try String(contentsOfFile: state + "/cnb/history", encoding: .utf8).contains("40\\040+\\0402"))
    }
}

/// The REPL with piped standard input: no prompts, no colour, Out printed, exit status.
@Suite("REPL with piped input", .serialized, .enabled(if: ReplBinary.path != nil, "needs a built cnb"))
struct ReplPipeTests {
    @Test("cells run as they arrive; Out is printed; no prompts")
    func piped() throws {
        let r = try runProcess(ReplBinary.path ?? "", [], stdin: "x = 2\nfor i in range(2):\n    x += i\n\nx\nprint('名字')\n",
                               environment: ["XDG_STATE_HOME": NSTemporaryDirectory() + "cnb-pipe-\(getpid())"])
        #expect(r.stdout == "Out[3]: 3\n名字\n")
        #expect(r.stderr == "")
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: NSTemporaryDirectory() + "cnb-pipe-\(getpid())/cnb/history"))
    }

    @Test("a failing cell: traceback on stderr, later cells still run, exit 70")
    func pipedFailure() throws {
        let r = try runProcess(ReplBinary.path ?? "", [], stdin: "1/0\n'after'\n")
        #expect(r.stderr.contains("ZeroDivisionError: division by zero"))
        #expect(!r.stderr.contains("\u{1B}["))
        #expect(r.stdout == "Out[2]: 'after'\n")
        #expect(r.status == 70)
    }
}
