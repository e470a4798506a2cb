import Foundation
import Interpreter
import LineEditor
@testable import Frontend

/// A line reader that plays a script: what the user typed, Ctrl-C, Esc-Enter, Ctrl-D.
final class ScriptedReader: LineReader {
    enum Step {
        /// A line submitted with Enter (may hold "\n" for a paste or a recalled cell).
        case line(String)
        /// A line submitted with Esc-Enter.
        case forced(String)
        case interrupt
        case eof
    }

    var steps: [Step]
    /// Every (prompt, indent) the session asked with, in order.
    var prompts: [(prompt: String, indent: String)] = []
    var history: [String] = []
    var prefilled: [String] = []
    let isInteractive: Bool
    var completer: Completer?

    init(_ steps: [Step], interactive: Bool = true) {
        self.steps = steps
        self.isInteractive = interactive
    }

    func read(prompt: String, indent: String) -> LineReadResult {
        prompts.append((prompt, indent))
        if !prefilled.isEmpty { return .line(InputLine(prefilled.removeFirst())) }
        guard !steps.isEmpty else { return .endOfInput }
        switch steps.removeFirst() {
        case .line(let t): return .line(InputLine(t))
        case .forced(let t): return .line(InputLine(t, forceContinue: true))
        case .interrupt: return .interrupted
        case .eof: return .endOfInput
        }
    }

    func prefill(_ text: String) { prefilled.append(text) }
    func addHistory(_ entry: String) { history.append(entry) }
    var historyEntries: [String] { history }
}

/// Collects what the session writes.
final class CaptureSink: OutputSink {
    var stdout = ""
    var stderr = ""
    func write(_ text: String, stream: OutputChannel) {
        switch stream {
        case .stdout: stdout += text
        case .stderr: stderr += text
        }
    }
    func display(png: [UInt8], width: Int, height: Int) {
        stdout += "<image/png \(width)x\(height)>\n"
    }
}

/// Runs a scripted session; returns the exit code, the output and the reader.
@discardableResult
func runScript(_ steps: [ScriptedReader.Step], interactive: Bool = true,
               body: ((ReplSession) -> Void)? = nil) -> (code: Int32, out: CaptureSink, reader: ScriptedReader, session: ReplSession) {
    let reader = ScriptedReader(steps, interactive: interactive)
    let sink = CaptureSink()
    let session = ReplSession(reader: reader, output: sink, color: false)
    body?(session)
    let code = session.run()
    return (code, sink, reader, session)
}

/// Lines typed at the prompt.
func typed(_ lines: String...) -> [ScriptedReader.Step] { lines.map { .line($0) } }

/// A fresh temporary folder.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "cnb-frontend-\(getpid())-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
