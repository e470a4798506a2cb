import Foundation
import Testing

/// Figures shown in a real pseudo-terminal (tmux): braille lines and axes in the REPL,
/// half-block 24-bit colour images from `cnb run`. Skipped when tmux or the binary is missing.
@Suite("Pictures in a terminal", .serialized, .enabled(if: TmuxRepl.available, "needs tmux and a built cnb"),
       .timeLimit(.minutes(1)))
struct TerminalPicturesTests {
    @Test("the REPL draws a cell's line plot after its Out value")
    func replLinePlot() throws {
        let t = try TmuxRepl(environment: ["NO_COLOR": "", "COLORTERM": "truecolor"], width: 90, height: 50)
        try t.waitFor("In [1]: ")
        try t.line("import matplotlib.pyplot as plt")
        try t.waitFor("In [2]: ")
        try t.line("plt.plot([1, 4, 2, 8])")
        let screen = try t.waitFor("In [3]: ")
        let out = try #require(screen.range(of: "Out[2]: [<matplotlib.lines.Line2D"))
        let axis = try #require(screen.range(of: "┤"), "no y axis drawn:\n\(screen)")
        #expect(out.lowerBound < axis.lowerBound, "the figure must follow Out[2]:\n\(screen)")
        // Braille dots (U+2800–U+28FF) draw the line.
        #expect(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "\(screen)")
        #expect(!screen.contains("<image/png"))
    }

    @Test("cnb run shows an image as half blocks in 24-bit colour on a colour terminal")
    func runImage() throws {
        let dir = temporaryDirectory()
        let notebook = dir.appendingPathComponent("edges.cnb")
        try Data("""
            # %%
            import torch
            import matplotlib.pyplot as plt
            X = torch.ones((6, 8))
            X[:, 2:6] = 0
            plt.imshow(X, cmap='gray')
            plt.show()

            """.utf8).write(to: notebook)
        let t = try TmuxRepl(environment: ["NO_COLOR": "", "COLORTERM": "truecolor"], width: 90, height: 60,
                             arguments: ["run", notebook.path])
        let screen = try t.waitFor(timeout: 10, escapes: true) { $0.contains("[exit 0]") }
        #expect(screen.contains("[exit 0]"), "\(screen)")
        #expect(screen.contains("▀"), "no half blocks:\n\(screen)")
        // tmux re-encodes colours; a 24-bit foreground shows as 38;2;R;G;B.
        #expect(screen.contains("38;2;"), "no 24-bit colour:\n\(screen)")
        #expect(!screen.contains("<image/png"))
    }

    @Test("with output piped, a figure is a placeholder line, never escapes")
    func pipedPlaceholder() throws {
        let r = try runCNB(["run", "-"], stdin: "# %%\nimport matplotlib.pyplot as plt\nplt.plot([1, 2]);\n",
                           env: ["COLORTERM": "truecolor"])
        #expect(r.stdout.contains("<image/png 640x480>"), "\(r.stdout)")
        #expect(!r.stdout.contains("\u{1B}["))
    }
}
