import Foundation
@testable import Notebook

/// Tests/Fixtures, found by walking up from this file.
func fixturesDirectory(file: String = #filePath) -> URL {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    while dir.path != "/" {
        let candidate = dir.appendingPathComponent("Fixtures")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/nonexistent-fixtures")
}

/// The acceptance notebooks' texts by file name.
func acceptanceNotebooks() -> [(name: String, text: String)] {
    let dir = fixturesDirectory().appendingPathComponent("acceptance")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".cnb") }.sorted()
    return names.compactMap { name in
        (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
    }
}

/// A scripted executor. Each source line is a command:
/// `print X` (stdout `X\n`), `write X` (stdout `X`, no newline), `warn X` (stderr),
/// `value X` (result; `\n` in X becomes a newline), `image WxH` (a PNG display),
/// `raise Name: message` (error), `syntax` (syntax error). Other lines do nothing.
final class FakeExecutor: CellExecutor {
    struct Call: Equatable {
        var source: String
        var cellName: String
        var executionCount: Int
        var timeout: Double?
    }
    var calls: [Call] = []

    func execute(source: String, cellName: String, executionCount: Int, timeout: Double?,
                 emit: (CellOutput) -> Void) -> CellStatus {
        calls.append(Call(source: source, cellName: cellName, executionCount: executionCount, timeout: timeout))
        for rawLine in source.split(separator: "\n") {
            let line = rawLine.drop(while: { $0 == " " })
            if line.hasPrefix("print ") {
                emit(.stream(name: "stdout", text: line.dropFirst(6) + "\n"))
            } else if line.hasPrefix("write ") {
                emit(.stream(name: "stdout", text: String(line.dropFirst(6))))
            } else if line.hasPrefix("warn ") {
                emit(.stream(name: "stderr", text: line.dropFirst(5) + "\n"))
            } else if line.hasPrefix("value ") {
                emit(.result(text: line.dropFirst(6).replacingOccurrences(of: "\\n", with: "\n")))
            } else if line.hasPrefix("image ") {
                let size = line.dropFirst(6).split(separator: "x").compactMap { Int($0) }
                emit(.display(mime: "image/png", data: fakePNG(width: size[0], height: size[1]), width: size[0], height: size[1]))
            } else if line.hasPrefix("raise ") {
                let rest = line.dropFirst(6)
                let parts = rest.split(separator: ":", maxSplits: 1)
                let ename = String(parts[0])
                let evalue = parts.count > 1 ? String(parts[1].dropFirst()) : ""
                emit(.error(ename: ename, evalue: evalue,
                            traceback: ["Traceback (most recent call last):", "  Cell \(cellName), line 1", String(rest)]))
                return .error
            } else if line == "syntax" {
                emit(.error(ename: "SyntaxError", evalue: "invalid syntax", traceback: []))
                return .syntaxError
            }
        }
        return .ok
    }
}

/// A PNG header with an IHDR for the given size (enough for size sniffing).
func fakePNG(width: Int, height: Int) -> [UInt8] {
    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        + be32(width) + be32(height) + [8, 6, 0, 0, 0]
}

/// Runs a `.cnb` text through the fake executor.
func runText(_ text: String, options: RunOptions = RunOptions()) -> (NotebookRun, FakeExecutor) {
    let executor = FakeExecutor()
    let run = NotebookRunner(executor: executor, options: options).run(NotebookDocument.parse(text))
    return (run, executor)
}

/// A small deterministic random generator for garbage tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
