import Interpreter
import Language
import LineEditor
import Synchronization

/// True while a cell runs: the SIGINT handler then asks the interpreter to raise
/// KeyboardInterrupt; at the prompt the signal only interrupts the read.
let replEvaluating = Atomic<Bool>(false)

/// The SIGINT handler (signal context: atomics only, no allocation).
func replInterruptHandler(_ signal: Int32) {
    if replEvaluating.load(ordering: .relaxed) {
        interruptRequest.store(1, ordering: .relaxed)
    }
}

/// The IPython-style read-eval-print loop over any `LineReader`: prompts, multi-line cells,
/// magics, `_`/`Out`/`In` bookkeeping, and the exit rules.
final class ReplSession {
    let reader: LineReader
    let output: OutputSink
    let style: ReplStyle
    private(set) var interp: Interpreter!
    /// The execution count of the next cell.
    var count = 1
    /// Cell sources by execution count (`In`; index 0 is empty).
    var inputs: [String] = [""]
    /// `In` and `Out` as the user sees them.
    var inList = PyList([.str("")])
    var outDict = PyDict()
    /// Auto-indent after `:` (toggled by `%autoindent`).
    var autoindent = true
    /// Some cell raised or had a syntax error (exit code 70 for piped input).
    var failed = false
    /// Some cell ran (Ctrl-D then asks before exiting).
    var cellsRan = false
    /// Set by `exit`, `quit` or SystemExit: the session ends with this code.
    var exitCode: Int32?

    /// A session reading from `reader` and writing to `output`. `color` turns on coloured
    /// prompts and tracebacks.
    init(reader: LineReader, output: OutputSink, color: Bool) {
        self.reader = reader
        self.output = output
        self.style = ReplStyle(color: color)
        interp = Interpreter(output: output)
        installBookkeeping()
        reader.completer = { [unowned self] before in ReplCompleter(interp: self.interp).complete(before) }
    }

    var interactive: Bool { reader.isInteractive }

    func out(_ text: String) { output.write(text, stream: .stdout) }
    func err(_ text: String) { output.write(text, stream: .stderr) }

    // MARK: - The loop

    /// Runs until end of input or `exit`; returns the process exit code (0, or 70 when a
    /// piped cell failed).
    func run() -> Int32 {
        var first = true
        while exitCode == nil {
            if interactive && !first { out("\n") }
            first = false
            switch readCell() {
            case .cell(let text):
                execute(text)
            case .interrupted:
                continue
            case .end:
                if confirmExit() { exitCode = 0 }
            }
        }
        if let exitCode, exitCode != 0 { return exitCode }
        return !interactive && failed ? ExitStatus.runtimeError : ExitStatus.ok
    }

    enum CellRead: Equatable {
        case cell(String)
        case interrupted
        case end
    }

    /// Reads lines until they form a complete cell. Empty input re-prompts with the same
    /// number; Ctrl-C drops the cell.
    func readCell() -> CellRead {
        var lines: [String] = []
        var indent = ""
        while true {
            let prompt = lines.isEmpty ? style.inPrompt(count) : style.continuationPrompt(count)
            switch reader.read(prompt: prompt, indent: indent) {
            case .interrupted:
                out("\n")
                return .interrupted
            case .endOfInput:
                if lines.isEmpty { return .end }
                if interactive { out("\n") }
                return .cell(Self.trimCell(lines.joined(separator: "\n")))
            case .line(let line):
                if lines.isEmpty && line.text.allSatisfy(\.isWhitespace) {
                    // Like IPython: a blank line, then the same prompt again.
                    if interactive { out("\n") }
                    continue
                }
                lines.append(line.text)
                let cell = lines.joined(separator: "\n")
                if !line.forceContinue {
                    if lines.count == 1 && ReplInput.isSingleLineCommand(line.text) { return .cell(cell.trimmingSpaces()) }
                    if ReplInput.isComplete(cell, lastWasBlock: line.isBlock, lastLine: line.text) {
                        return .cell(Self.trimCell(cell))
                    }
                }
                indent = autoindent && interactive ? ReplInput.nextIndent(after: line.text) : ""
            }
        }
    }

    /// Drops trailing blank lines (the empty line that closed a block).
    static func trimCell(_ cell: String) -> String {
        var lines = cell.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Ctrl-D: asks "Do you really want to exit ([y]/n)?" once cells have run. Ctrl-C or
    /// "n" answers no.
    func confirmExit() -> Bool {
        guard interactive && cellsRan else {
            if interactive { out("\n") }
            return true
        }
        out("\n")
        return ask("Do you really want to exit ([y]/n)? ", default: true)
    }

    /// A y/n question at the prompt; Ctrl-C is "no", end of input the default.
    func ask(_ question: String, default yes: Bool) -> Bool {
        while true {
            switch reader.read(prompt: question, indent: "") {
            case .interrupted:
                out("\n")
                return false
            case .endOfInput:
                out("\n")
                return yes
            case .line(let l):
                switch l.text.trimmingSpaces().lowercased() {
                case "": return yes
                case "y", "yes": return true
                case "n", "no": return false
                default: continue
                }
            }
        }
    }

    // MARK: - Running a cell

    /// Runs one cell: records it (`In`, history), then a magic, a help query or code.
    func execute(_ cell: String) {
        let n = count
        count += 1
        cellsRan = true
        recordInput(cell, number: n)
        reader.addHistory(cell)
        interp.cellCounter = n
        if ReplInput.isExitCommand(cell) {
            exitCode = 0
            return
        }
        if let query = ReplInput.helpQuery(cell) {
            showHelp(query)
        } else if let magic = ReplInput.magic(cell) {
            runMagic(magic, number: n)
        } else {
            runCode(cell, number: n, name: "Cell In[\(n)]")
        }
    }

    /// Runs Python source; displays and records the value of a final expression unless the
    /// cell ends with `;`.
    func runCode(_ source: String, number n: Int, name: String) {
        let suppress = ReplInput.endsWithSemicolon(source)
        let outcome = evaluate { interp.execute(source, name: name, display: !suppress) }
        switch outcome {
        case .ok(let value):
            if let value, !suppress { display(value, number: n) }
        case .syntaxError(let rendered, _, _):
            failed = true
            err(style.traceback(rendered) + "\n")
        case .error(let e):
            report(e)
        }
        interp.finishCell()
    }

    /// Runs `body` with Ctrl-C armed to interrupt it.
    func evaluate<T>(_ body: () throws -> T) rethrows -> T {
        interruptRequest.store(0, ordering: .relaxed)
        replEvaluating.store(true, ordering: .relaxed)
        defer {
            replEvaluating.store(false, ordering: .relaxed)
            _ = interruptRequest.compareExchange(expected: 1, desired: 0, ordering: .relaxed)
        }
        return try body()
    }

    /// Prints an uncaught exception; SystemExit ends the session.
    func report(_ e: PyException) {
        if e.className == "SystemExit" {
            let code: Int32
            switch interp.errorMessage(e) {
            case "", "None", "0": code = 0
            case let s: code = Int32(s) ?? 1
            }
            exitCode = code
            return
        }
        failed = true
        // The terminal echoed ^C in cooked mode: start the traceback on a fresh line.
        if e.className == "KeyboardInterrupt" && interactive { err("\n") }
        err(style.traceback(interp.renderTraceback(e)) + "\n")
    }

    /// `Out[n]: text` (IPython's pretty form; several lines start on the next line), and the output
    /// history (`_`, `__`, `___`, `_n`, `Out[n]`).
    func display(_ value: Value, number n: Int) {
        let text: String
        do {
            text = try evaluate { try interp.displayText(value) }
        } catch {
            report(interp.pythonError(error))
            return
        }
        out(style.outPrompt(n) + (text.contains("\n") ? "\n" : "") + text + "\n")
        recordOutput(value, number: n)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
