import Foundation
import Testing

/// `check --update` rewrites a notebook through a temporary file and a rename, so killing
/// cnb at any moment leaves the file either exactly as it was or exactly as updated.
@Suite(.serialized) struct AtomicWriteTests {
    /// A large notebook (many cells, long stored outputs) whose stored outputs are all stale.
    static func largeNotebook(cells: Int) -> String {
        var text = ""
        for i in 0..<cells {
            text += "# %% cell\(i)\nprint('\(i) ' + 'x' * 150)\nprint(\(i) * 2)\n#> stdout:\n#>   stale output \(i)\n\n"
        }
        return text
    }

    @Test func killedUpdateLeavesTheOldOrTheNewFile() throws {
        let dir = temporaryDirectory()
        let old = Self.largeNotebook(cells: 1500)
        // The updated text, from an update that is allowed to finish.
        let reference = dir.appendingPathComponent("reference.cnb")
        try Data(old.utf8).write(to: reference)
        let start = Date()
        let full = try runCNB(["check", "--update", reference.path], timeout: 600)
        let duration = Date().timeIntervalSince(start)
        #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
        let new = try String(contentsOf: reference, encoding: .utf8)
        #expect(new != old)
        #expect(new.contains("#>   0 xxxx"))

        guard let bin = cnbBinary() else { Issue.record("cnb binary not built"); return }
        var rng = SystemRandomNumberGenerator()
        var sawOld = 0, sawNew = 0
        for round in 0..<16 {
            let file = dir.appendingPathComponent("nb\(round).cnb")
            try Data(old.utf8).write(to: file)
            let p = Process()
            p.executableURL = bin
            p.arguments = ["check", "--update", file.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Half the kills land anywhere, half near the end, where the write happens.
            let fraction = round % 2 == 0 ? Double.random(in: 0...1.1, using: &rng) : Double.random(in: 0.85...1.05, using: &rng)
            usleep(useconds_t(max(0, duration * fraction) * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let after = try String(contentsOf: file, encoding: .utf8)
            #expect(after == old || after == new, "round \(round): a torn file of \(after.utf8.count) bytes")
            if after == old { sawOld += 1 } else if after == new { sawNew += 1 }
        }
        // Both outcomes are possible; the point is that nothing else ever is.
        #expect(sawOld + sawNew == 16)
    }

    @Test func updateWritesNoTemporaryFilesBehind() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("small.cnb")
        try Data(Self.largeNotebook(cells: 3).utf8).write(to: file)
        let r = try runCNB(["check", "--update", file.path], timeout: 120)
        #expect(r.status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names == ["small.cnb"], "\(names)")
    }

    @Test func exportToAnUnwritablePlaceFailsCleanlyAndKeepsNothingHalfWritten() throws {
        let dir = temporaryDirectory()
        let nb = dir.appendingPathComponent("nb.cnb")
        try Data("# %%\nprint(1)\n".utf8).write(to: nb)
        let r = try runCNB(["run", nb.path, "--to", "ipynb", "-o", "/proc/cnb-cannot-write/out.ipynb"], timeout: 60)
        #expect(!r.signaled)
        #expect(r.status == 74, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("/proc/cnb-cannot-write/out.ipynb"), "\(r.stderr)")
    }
}
