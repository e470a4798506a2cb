import Foundation
import Testing

/// Input files cnb cannot use give one clear error line that names the file (and the line
/// when there is one), with exit status 74 (I/O) or 65 (format), never a crash.
@Suite(.serialized) struct InputFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var name: String
        var bytes: [UInt8]
        var command: String
        var status: Int32
        /// Expected on standard error, after `<dir>/`.
        var error: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "not UTF-8 (line 4)", name: "latin1.cnb", bytes: Array("# %%\nprint('a')\n# %%\nx = '".utf8) + [0xE9, 0x27, 0x0A],
             command: "run", status: 74, error: "latin1.cnb:4: the file is not valid UTF-8"),
        Case(id: "a picture, not a notebook", name: "picture.cnb", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D],
             command: "run", status: 74, error: "picture.cnb:1: the file is not valid UTF-8"),
        Case(id: "UTF-16 with BOM", name: "utf16.cnb", bytes: [0xFF, 0xFE, 0x23, 0x00, 0x20, 0x00],
             command: "check", status: 74, error: "utf16.cnb:1: the file is not valid UTF-8"),
        Case(id: "ipynb truncated JSON", name: "cut.ipynb", bytes: Array("{\n \"cells\": [\n  {\"cell_type\": \"code\",".utf8),
             command: "convert", status: 74, error: "cut.ipynb:3: invalid JSON: expected a string key"),
        Case(id: "ipynb top level is a list", name: "list.ipynb", bytes: Array("[1, 2, 3]".utf8),
             command: "convert", status: 74, error: "list.ipynb:1: not a Jupyter notebook: the top level is not a JSON object"),
        Case(id: "ipynb without cells", name: "nocells.ipynb", bytes: Array("{\"nbformat\": 4, \"metadata\": {}}".utf8),
             command: "convert", status: 74, error: "nocells.ipynb:1: not a Jupyter notebook: no `cells` list"),
        Case(id: "ipynb empty file", name: "empty.ipynb", bytes: [],
             command: "convert", status: 74, error: "empty.ipynb:1: invalid JSON"),
        Case(id: "ipynb bad cell on line 3", name: "badcell.ipynb",
             bytes: Array("{\"nbformat\": 4, \"cells\": [\n{\"cell_type\": \"code\", \"source\": \"x\", \"metadata\": {}, \"outputs\": []},\n{\"cell_type\": \"code\", \"source\": 5}\n]}".utf8),
             command: "convert", status: 74, error: "badcell.ipynb:3: cell 2: `source` must be a string or a list of strings"),
        Case(id: "a .cnb given to convert", name: "notebook.ipynb", bytes: Array("# %%\nprint(1)\n".utf8),
             command: "convert", status: 74, error: "notebook.ipynb:1: invalid JSON"),
    ]

    @Test(arguments: cases)
    func badInputNamesTheFileAndLine(_ c: Case) throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent(c.name)
        try Data(c.bytes).write(to: file)
        let r = try runCNB([c.command, file.path], timeout: 60)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        #expect(r.status == c.status, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(dir.path + "/" + c.error), "stderr: \(r.stderr)")
    }

    @Test func emptyNotebookRunsAsNoCells() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("empty.cnb")
        try Data().write(to: file)
        let r = try runCNB(["run", file.path], timeout: 60)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func crlfAndBomNotebooksRun() throws {
        let dir = temporaryDirectory()
        let crlf = dir.appendingPathComponent("crlf.cnb")
        try Data("# %%\r\nprint('crlf ok')\r\n".utf8).write(to: crlf)
        let bom = dir.appendingPathComponent("bom.cnb")
        try Data([0xEF, 0xBB, 0xBF] + Array("# %%\nprint('bom ok')\n".utf8)).write(to: bom)
        let r1 = try runCNB(["run", crlf.path], timeout: 60)
        #expect(r1.status == 0)
        #expect(r1.stdout.contains("crlf ok"))
        let r2 = try runCNB(["run", bom.path], timeout: 60)
        #expect(r2.status == 0)
        #expect(r2.stdout.contains("bom ok"))
    }

    @Test func crlfNotebookKeepsItsLineEndingsOnUpdate() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("crlf.cnb")
        try Data("# %%\r\nprint(6 * 7)\r\n".utf8).write(to: file)
        let r = try runCNB(["check", "--update", file.path], timeout: 60)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("42"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF crept in: \(text.debugDescription)")
    }

    @Test func hugeFileIsRefusedBeforeReading() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("huge.cnb")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(129 << 20))  // sparse: takes no disk space
        try handle.close()
        let r = try runCNB(["run", file.path], timeout: 60)
        #expect(!r.signaled)
        #expect(r.status == 74)
        #expect(r.stderr.contains("huge.cnb:1: the file is too large"), "\(r.stderr)")
    }

    @Test func hugeLineThatIsNotUTF8IsReportedQuickly() throws {
        // 8 MB on one line, the bad byte at the end: the check is one linear pass.
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("longline.cnb")
        try Data(Array("# %%\nx = '".utf8) + [UInt8](repeating: 0x61, count: 8 << 20) + [0xFF, 0x27, 0x0A]).write(to: file)
        let start = Date()
        let r = try runCNB(["run", file.path], timeout: 60)
        #expect(r.status == 74)
        #expect(r.stderr.contains("longline.cnb:2: the file is not valid UTF-8"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func missingFileAndDirectoryAreNamed() throws {
        let dir = temporaryDirectory()
        let r1 = try runCNB(["run", dir.path + "/nope.cnb"], timeout: 30)
        #expect(r1.status == 74)
        #expect(r1.stderr.contains(dir.path + "/nope.cnb: no such file"), "\(r1.stderr)")
        let r2 = try runCNB(["run", dir.path], timeout: 30)
        #expect(r2.status == 74)
        #expect(r2.stderr.contains(dir.path + ": it is a directory"), "\(r2.stderr)")
    }
}
