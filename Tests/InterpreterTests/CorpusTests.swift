import Foundation
import Interpreter
import Testing

// The language corpus: Tests/Corpus/<feature>/<behaviour>.py, one behaviour per file, with
// the expected output written inline (craftinginterpreters style):
//
//   print(1 + 2)  # expect: 3                  one printed line, in order through the file
//   # expect: text                             (also allowed on a line of its own)
//   # expect-error: TypeError: message         the run must stop with this uncaught error
//   # expect-syntax-error: SyntaxError: msg    the file must not parse / compile
//
// Each file is also valid Python 3 that prints the same under CPython; run
// `python3 Tests/Corpus/check_with_python.py` to confirm that against a real Python.

/// The expectations written into one corpus file.
struct CorpusExpectations: Sendable {
    var lines: [String] = []
    var error: String?
    var syntaxError: String?

    /// Reads the `# expect…` comments of a corpus file.
    init(source: String) {
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if let r = line.range(of: "# expect-syntax-error: ") {
                syntaxError = String(line[r.upperBound...])
            } else if let r = line.range(of: "# expect-error: ") {
                error = String(line[r.upperBound...])
            } else if let r = line.range(of: "# expect:") {
                var rest = line[r.upperBound...]
                if rest.first == " " { rest = rest.dropFirst() }
                lines.append(String(rest))
            }
        }
    }
}

/// One corpus file, named by its path below Tests/Corpus.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    let name: String
    let path: String
    var testDescription: String { name }
}

/// Output sink that keeps what the program printed.
private final class CorpusSink: OutputSink {
    var stdout = ""
    func write(_ text: String, stream: OutputChannel) {
        if stream == .stdout { stdout += text }
    }
    func display(png: [UInt8], width: Int, height: Int) {}
}

/// What running a corpus file produced: printed lines and the uncaught error line, if any.
struct CorpusRun: Sendable {
    var lines: [String]
    var error: String?
    var syntaxError: String?
}

/// The Tests/Corpus folder, found by walking up from this file to `Tests`.
private func corpusFolder(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if url.lastPathComponent == "Tests" { return url.appendingPathComponent("Corpus") }
        url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Corpus")
}

/// Every `.py` file of the corpus, sorted by path.
func corpusCases() -> [CorpusCase] {
    let root = corpusFolder().resolvingSymlinksInPath()
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
    var out: [CorpusCase] = []
    let prefix = root.path + "/"
    for case let url as URL in walker where url.pathExtension == "py" {
        let full = url.resolvingSymlinksInPath().path
        let name = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
        if name.hasPrefix("_") || name == "check_with_python.py" { continue }
        out.append(CorpusCase(name: name, path: url.path))
    }
    return out.sorted { $0.name < $1.name }
}

/// Runs one file in a fresh interpreter on a thread with a big stack (deep recursion must
/// end in RecursionError, not a crash). A watchdog interrupts a file that runs too long.
func runCorpusFile(_ text: String, name: String, timeLimit: Double = 60) async -> CorpusRun {
    final class State: @unchecked Sendable {
        let lock = NSLock()
        var finished = false
    }
    let state = State()
    return await withCheckedContinuation { (k: CheckedContinuation<CorpusRun, Never>) in
        let thread = Thread {
            let sink = CorpusSink()
            let interp = Interpreter(output: sink)
            var run = CorpusRun(lines: [])
            switch interp.execute(text, name: name) {
            case .ok: break
            case .syntaxError(_, let cls, let message): run.syntaxError = "\(cls): \(message)"
            case .error(let e): run.error = interp.errorLine(e)
            }
            var lines = sink.stdout.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            run.lines = lines
            state.lock.lock()
            state.finished = true
            state.lock.unlock()
            k.resume(returning: run)
        }
        thread.stackSize = 1 << 29
        thread.start()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) {
            state.lock.lock()
            defer { state.lock.unlock() }
            if !state.finished { interruptRequest.store(2, ordering: .relaxed) }
        }
    }
}

@Suite(.serialized) struct CorpusTests {
    @Test func corpusIsPresent() {
        #expect(corpusCases().count >= 100)
    }

    @Test(arguments: corpusCases())
    func corpus(_ c: CorpusCase) async throws {
        let text = try String(contentsOfFile: c.path, encoding: .utf8)
        let want = CorpusExpectations(source: text)
        let got = await runCorpusFile(text, name: c.name)
        if let s = want.syntaxError {
            #expect(got.syntaxError == s, "expected \(s)")
            #expect(got.lines.isEmpty, "a file that does not compile prints nothing")
            return
        }
        #expect(got.syntaxError == nil, "unexpected \(got.syntaxError ?? "")")
        #expect(got.error == want.error,
                "error: expected \(want.error ?? "none"), got \(got.error ?? "none")")
        if got.lines != want.lines {
            var report = "output differs\n--- expected\n"
            report += want.lines.joined(separator: "\n")
            report += "\n--- actual\n"
            report += got.lines.joined(separator: "\n")
            Issue.record(Comment(rawValue: report))
        }
    }
}
