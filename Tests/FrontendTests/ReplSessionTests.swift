import Testing
import Interpreter
import LineEditor
@testable import Frontend

@Suite("REPL session")
struct ReplSessionTests {
    @Test("Out[n] for a final expression; nothing for statements")
    func outPrompt() {
        let r = runScript(typed("x = 21", "x * 2", "print('hi')"), interactive: false)
        #expect(r.out.stdout == "Out[2]: 42\nhi\n")
        #expect(r.code == 0)
    }

    @Test("prompts: numbered In, aligned continuation, same number after empty input")
    func prompts() {
        let r = runScript(typed("", "1", "for i in range(2):", "    pass", "    ", "2"))
        let prompts = r.reader.prompts.map(\.prompt)
        #expect(Array(prompts.prefix(6)) == ["In [1]: ", "In [1]: ", "In [2]: ", "   ...: ", "   ...: ", "In [3]: "])
        #expect(ReplStyle(color: false).continuationPrompt(10) == "    ...: ")
        #expect(ReplStyle(color: false).inPrompt(10) == "In [10]: ")
    }

    @Test("a blank line separates cells on a terminal")
    func blankLines() {
        let r = runScript(typed("1", "x = 2", "x"))
        #expect(r.out.stdout.hasPrefix("Out[1]: 1\n\n\nOut[3]: 2\n\n"))
    }

    @Test("a multi-line repr starts on the line after Out[n]")
    func multiLineRepr() {
        let r = runScript(typed("class A:", "    def __repr__(self): return 'a\\nb'", "", "A()"), interactive: false)
        #expect(r.out.stdout == "Out[2]: \na\nb\n")
    }

    @Test("a trailing ; hides the value and keeps it out of the output history")
    func semicolon() {
        let r = runScript(typed("1 + 1;", "2 + 2  # comment", "Out"), interactive: false)
        #expect(r.out.stdout == "Out[2]: 4\nOut[3]: {2: 4}\n")
    }

    @Test("_, __, ___, _n, Out, In, _i, _i<n>")
    func bookkeeping() {
        let r = runScript(typed("10", "20", "30", "(_, __, ___)", "_2", "Out[3]", "In[1]", "_i", "_i1", "len(In)"),
                          interactive: false)
        let lines = r.out.stdout.split(separator: "\n").map(String.init)
        #expect(lines == ["Out[1]: 10", "Out[2]: 20", "Out[3]: 30", "Out[4]: (30, 20, 10)", "Out[5]: 20",
                          "Out[6]: 30", "Out[7]: '10'", "Out[8]: 'In[1]'", "Out[9]: '10'", "Out[10]: 11"])
    }

    @Test("the count advances for errors; the session goes on")
    func errorsAdvanceCount() {
        let r = runScript(typed("1/0", "1 +* 2", "7"), interactive: false)
        #expect(r.out.stderr.contains("ZeroDivisionError: division by zero"))
        #expect(r.out.stderr.contains("Cell In[1], line 1"))
        #expect(r.out.stderr.contains("SyntaxError"))
        #expect(r.out.stdout == "Out[3]: 7\n")
        #expect(r.code == 70)
    }

    @Test("exit code 0 when every piped cell ran")
    func pipedSuccess() {
        #expect(runScript(typed("x = 1", "x"), interactive: false).code == 0)
    }

    @Test("a block ends at an empty line; auto-indent follows the code")
    func continuationAndIndent() {
        let r = runScript(typed("def f(x):", "    if x:", "        return 1", "    return 2", "", "f(0), f(1)"))
        let indents = r.reader.prompts.map(\.indent)
        #expect(Array(indents.prefix(5)) == ["", "    ", "        ", "    ", ""])
        #expect(r.out.stdout.contains("Out[2]: (2, 1)"))
        #expect(r.reader.history.first == "def f(x):\n    if x:\n        return 1\n    return 2")
    }

    @Test("an open bracket continues the cell")
    func openBracket() {
        let r = runScript(typed("[1,", "2]"), interactive: false)
        #expect(r.out.stdout == "Out[1]: [1, 2]\n")
    }

    @Test("Esc-Enter forces a new line inside a complete cell")
    func forcedNewline() {
        let r = runScript([.forced("a = 1"), .line("a + 1")], interactive: false)
        #expect(r.out.stdout == "Out[1]: 2\n")
        #expect(r.session.inputs == ["", "a = 1\na + 1"])
    }

    @Test("a pasted block runs at Enter without a closing empty line")
    func pastedBlock() {
        let r = runScript(typed("def g(a):\n    return a * 3", "g(2)"), interactive: false)
        #expect(r.out.stdout == "Out[2]: 6\n")
    }

    @Test("Ctrl-C at the prompt drops the cell and keeps the number")
    func interruptAtPrompt() {
        let r = runScript([.line("for i in range(3):"), .interrupt, .line("5")])
        #expect(r.reader.prompts.map(\.prompt).prefix(3) == ["In [1]: ", "   ...: ", "In [1]: "])
        #expect(r.out.stdout.contains("Out[1]: 5"))
    }

    @Test("Ctrl-D asks before leaving once cells ran", arguments: [
        ("y", 2), ("", 2), ("n", 3),
    ])
    func confirmExit(answer: String, prompts: Int) {
        let r = runScript([.line("1"), .eof, .line(answer), .eof, .eof])
        let asked = r.reader.prompts.filter { $0.prompt == "Do you really want to exit ([y]/n)? " }.count
        #expect(asked == prompts - 1)
    }

    @Test("Ctrl-D on a fresh session exits without asking")
    func exitWithoutCells() {
        let r = runScript([.eof])
        #expect(r.reader.prompts.count == 1)
        #expect(r.code == 0)
    }

    @Test("Ctrl-C at the exit question means no")
    func interruptAtExitQuestion() {
        let r = runScript([.line("1"), .eof, .interrupt, .line("2"), .eof, .line("y")])
        #expect(r.out.stdout.contains("Out[2]: 2"))
    }

    @Test("exit and quit end the session", arguments: ["exit", "quit()", "  exit()  "])
    func exitCommand(command: String) {
        let r = runScript(typed(command, "1"))
        #expect(!r.out.stdout.contains("Out"))
        #expect(r.code == 0)
    }

    @Test("SystemExit ends the session with its code")
    func systemExit() {
        let r = runScript(typed("raise SystemExit(3)", "1"), interactive: false)
        #expect(r.code == 3)
        #expect(!r.out.stdout.contains("Out"))
    }

    @Test("history gets one entry per cell, magics included")
    func history() {
        let r = runScript(typed("x = 1", "%who", "for i in range(2):", "    x += i", ""))
        #expect(r.reader.history == ["x = 1", "%who", "for i in range(2):\n    x += i"])
    }

    @Test("non-terminal input: no indent hints")
    func pipedNoIndent() {
        let r = runScript(typed("if True:", "    y = 1", ""), interactive: false)
        #expect(r.reader.prompts.allSatisfy { $0.indent.isEmpty })
    }

    @Test("piped input ending inside a block still runs it")
    func pipedEndInBlock() {
        let r = runScript(typed("for i in range(2):", "    print(i)"), interactive: false)
        #expect(r.out.stdout == "0\n1\n")
    }

    @Test("colour prompts carry SGR codes and end with a plain space")
    func colour() {
        let style = ReplStyle(color: true)
        #expect(style.inPrompt(3).contains("\u{1B}[32m"))
        #expect(style.inPrompt(3).hasSuffix("\u{1B}[0m "))
        #expect(style.outPrompt(3).contains("\u{1B}[31m"))
        #expect(style.traceback("Traceback (most recent call last):\n  Cell In[1], line 1\n    1/0\nZeroDivisionError: division by zero")
            .contains("\u{1B}[1;31mZeroDivisionError\u{1B}[0m: division by zero"))
        #expect(ReplStyle(color: false).traceback("X: y") == "X: y")
    }
}
