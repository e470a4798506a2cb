import Foundation
import Interpreter

/// Captures what a program prints.
final class CapturingSink: OutputSink {
    var stdout = ""
    var stderr = ""
    var pictures: [(Int, Int)] = []
    func write(_ text: String, stream: OutputChannel) {
        if stream == .stdout { stdout += text } else { stderr += text }
    }
    func display(png: [UInt8], width: Int, height: Int) { pictures.append((width, height)) }
}

/// What a cell showed: printed text, then the repr of its value or the error line.
struct CellResult {
    var stdout: String
    var out: String?
    var error: String?
}

/// Runs cells in one fresh session.
func runCells(_ cells: [String]) -> [CellResult] {
    let sink = CapturingSink()
    let interp = Interpreter(output: sink)
    var results: [CellResult] = []
    for (n, cell) in cells.enumerated() {
        sink.stdout = ""
        var r = CellResult(stdout: "", out: nil, error: nil)
        switch interp.execute(cell, name: "Cell In[\(n + 1)]") {
        case .ok(let v):
            if let v { r.out = (try? interp.repr(v)) ?? "<repr failed>" }
        case .syntaxError(_, let name, let message):
            r.error = "\(name): \(message)"
        case .error(let e):
            r.error = interp.errorLine(e)
        }
        r.stdout = sink.stdout
        results.append(r)
    }
    return results
}

/// The `Tests` folder, found by walking up from this file.
func testsFolder(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Fixtures").path) { return url }
        url.deleteLastPathComponent()
    }
    return url
}

func fixtureData(_ relative: String) -> Data {
    (try? Data(contentsOf: testsFolder().appendingPathComponent("Fixtures").appendingPathComponent(relative))) ?? Data()
}
