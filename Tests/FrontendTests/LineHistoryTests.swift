import Foundation
import Testing
@testable import LineEditor

@Suite("History file")
struct LineHistoryTests {
    @Test("multi-line and CJK entries round-trip through the file")
    func roundTrip() {
        Terminal.configureLocale()
        let path = temporaryDirectory() + "/state/cnb/history"
        let h = LineHistory(path: path)
        h.add("x = 1")
        h.add("def f():\n    return '张三'")
        h.add("def f():\n    return '张三'")
        #expect(h.save())
        #expect(FileManager.default.fileExists(atPath: path))
        let again = LineHistory(path: path)
        #expect(again.entries == ["x = 1", "def f():\n    return '张三'"])
        #expect(again.recoveredFrom == nil)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: LineHistory.directory(of: path))) ?? []
        #expect(leftovers == ["history"])
        let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
    }

    @Test("a corrupt file is moved aside and the history starts empty")
    func corrupt() throws {
        let path = temporaryDirectory() + "/history"
        try Data([0xFF, 0x00, 0x13, 0x37, 0x0A, 0x41]).write(to: URL(fileURLWithPath: path))
        let h = LineHistory(path: path)
        #expect(h.entries == [])
        #expect(h.recoveredFrom == path + ".corrupt")
        h.add("y = 2")
        #expect(h.save())
        #expect(LineHistory(path: path).entries == ["y = 2"])
    }

    @Test("a missing file is an empty history; no path keeps it in memory")
    func missing() {
        #expect(LineHistory(path: temporaryDirectory() + "/none").entries == [])
        let memory = LineHistory(path: nil)
        memory.add("a")
        #expect(memory.save())
        #expect(memory.entries == ["a"])
    }

    @Test("the default path follows XDG_STATE_HOME, then HOME")
    func defaultPath() {
        let oldState = getenv("XDG_STATE_HOME").map { String(cString: $0) }
        defer {
            if let oldState { setenv("XDG_STATE_HOME", oldState, 1) } else { unsetenv("XDG_STATE_HOME") }
        }
        setenv("XDG_STATE_HOME", "/tmp/xdg-test", 1)
        #expect(LineHistory.defaultPath() == "/tmp/xdg-test/cnb/history")
        unsetenv("XDG_STATE_HOME")
        #expect(LineHistory.defaultPath() == String(cString: getenv("HOME")) + "/.local/state/cnb/history")
    }

    @Test("plain reader: lines, CR stripped, prefill first, end of input")
    func plainReader() {
        var lines = ["a", "b\r"]
        let r = PlainReader { lines.isEmpty ? nil : lines.removeFirst() }
        #expect(r.read(prompt: "In [1]: ", indent: "") == .line(InputLine("a")))
        r.prefill("p")
        #expect(r.read(prompt: "", indent: "") == .line(InputLine("p")))
        #expect(r.read(prompt: "", indent: "") == .line(InputLine("b")))
        #expect(r.read(prompt: "", indent: "") == .endOfInput)
        #expect(!r.isInteractive)
    }

    @Test("escape sequences in prompts are wrapped for libedit")
    func markEscapes() {
        #expect(LibEditReader.markEscapes("\u{1B}[32mIn\u{1B}[0m ") == "\u{1}\u{1B}[32m\u{1}In\u{1}\u{1B}[0m\u{1} ")
        #expect(LibEditReader.markEscapes("In [1]: ") == "In [1]: ")
    }

    @Test("completion candidates in columns")
    func columns() {
        #expect(LibEditReader.columns(["a", "bb", "ccc"], width: 80) == "a    bb   ccc\n")
        #expect(LibEditReader.columns(["a", "bb", "ccc"], width: 10) == "a    ccc\nbb\n")
    }
}
