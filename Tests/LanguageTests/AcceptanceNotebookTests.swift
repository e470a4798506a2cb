import Foundation
import Testing
import Language

/// Every code cell of the acceptance notebooks parses.
struct AcceptanceNotebookTests {
    struct Cell: CustomTestStringConvertible, Sendable {
        var file: String
        var index: Int
        var line: Int
        var text: String
        var testDescription: String { "\(file) cell \(index) (line \(line))" }
    }

    /// Code cells: split at lines starting with `# %%`, skipping `[markdown]` cells.
    static func cells() -> [Cell] {
        let directory = fixturesDirectory() + "/acceptance"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".cnb") }.sorted()
        var cells: [Cell] = []
        for file in files {
            guard let text = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8) else { continue }
            var current: [String]?
            var isMarkdown = false
            var startLine = 0
            func flush() {
                if let lines = current, !isMarkdown {
                    cells.append(Cell(file: file, index: cells.count, line: startLine, text: lines.joined(separator: "\n")))
                }
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("# %%") {
                    flush()
                    current = []
                    isMarkdown = line.contains("[markdown]")
                    startLine = number + 2
                } else {
                    current?.append(String(line))
                }
            }
            flush()
        }
        return cells
    }

    @Test func foundNotebooks() {
        #expect(AcceptanceNotebookTests.cells().count >= 20)
    }

    @Test(arguments: AcceptanceNotebookTests.cells())
    func parses(_ cell: Cell) {
        do {
            _ = try Parser.parse(SourceFile(name: "Cell In[\(cell.index)]", text: cell.text))
        } catch {
            Issue.record("\(cell.testDescription):\n\(error.rendered())")
        }
        #expect(!isIncompleteInput(cell.text + "\n"), "\(cell.testDescription)")
    }
}
