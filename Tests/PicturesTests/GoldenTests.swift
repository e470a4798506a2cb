import Foundation
import Pictures
import Testing

/// Fixed figures for golden and snapshot tests.
enum Samples {
    static func lineFigure() -> Figure {
        var f = Figure(width: 3.5, height: 2.5)
        var ax = Axes()
        ax.lines = [LineSeries(xs: [0, 1, 2, 3, 4], ys: [4, 2, 1, 0.5, 0.25], color: defaultColorCycle[0], label: "train"),
                    LineSeries(xs: [0, 1, 2, 3, 4], ys: [3, 2.5, 2, 1.8, 1.7], color: RGBA(191, 0, 191), style: .dashed, label: "test")]
        ax.xlabel = "epoch"
        ax.title = "loss"
        ax.legend = Legend()
        f.axes = [ax]
        return f
    }

    static func imageFigure() -> Figure {
        var f = Figure(width: 2, height: 2)
        var ax = Axes()
        ax.images = [ImageLayer(width: 4, height: 2, pixels: .scalar([0, 1, 2, 3, 3, 2, 1, 0]), colormap: .gray)]
        f.axes = [ax]
        return f
    }

    /// FNV-1a, as hex.
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return String(h, radix: 16)
    }
}

@Suite struct GoldenPNGTests {
    struct Golden: Sendable, CustomTestStringConvertible {
        let id: String
        let png: String
        let pixels: String
        let size: String
        var testDescription: String { id }
    }

    // The PNG bytes depend on zlib's deflate (stable across zlib 1.2/1.3 at a fixed
    // level); the pixel hash is the stronger check of our own rasteriser.
    static let goldens: [Golden] = [
        Golden(id: "line", png: "80b6fe06d5e61f08", pixels: "a2478f07222a9fc5", size: "350x250"),
        Golden(id: "image", png: "62133821e6140471", pixels: "bfcff80f069e6627", size: "200x200"),
    ]

    static func figure(_ id: String) -> Figure { id == "line" ? Samples.lineFigure() : Samples.imageFigure() }

    @Test(arguments: goldens)
    func golden(_ g: Golden) throws {
        let p = Picture(figure: Self.figure(g.id))
        #expect("\(p.width)x\(p.height)" == g.size)
        #expect(Samples.hash(p.raster.pixels) == g.pixels)
        #expect(Samples.hash(p.png) == g.png)
        let decoded = try PNG.decode(p.png)
        #expect(decoded == p.raster)
    }

    @Test(arguments: goldens)
    func deterministic(_ g: Golden) {
        #expect(Picture(figure: Self.figure(g.id)).png == Picture(figure: Self.figure(g.id)).png)
    }
}

@Suite struct TerminalSnapshotTests {
    struct Snapshot: Sendable, CustomTestStringConvertible {
        let id: String
        let level: TerminalCapabilities.ColorLevel
        let text: String
        var testDescription: String { id }
    }

    /// Renderings of the two sample figures at width 36, escapes shown as `⎋`.
    static let snapshots: [Snapshot] = [
        Snapshot(id: "trueColor", level: .trueColor, text: #"""
                loss
4┤ ⎋[38;2;31;119;180m⠐⢄⎋[0m
 │   ⎋[38;2;31;119;180m⠑⡄⎋[0m
 │ ⎋[38;2;191;0;191m⠐⠒⠄⠨⣢⡀⎋[0m
 │      ⎋[38;2;31;119;180m⠈⎋[38;2;191;0;191m⠪⣉⠂⠒⠤⎋[0m ⎋[38;2;191;0;191m⣀⣀⎋[0m
2┤         ⎋[38;2;31;119;180m⠑⠢⢄⡀⎋[0m   ⎋[38;2;191;0;191m⠙⎋[0m ⎋[38;2;191;0;191m⠒⠒⎋[0m ⎋[38;2;191;0;191m⠢⠤⠠⠤⠄⠠⠤⠄⢀⣀⡀⎋[0m
 │            ⎋[38;2;31;119;180m⠈⠑⠢⢄⡀⎋[0m
 │                ⎋[38;2;31;119;180m⠈⠑⠒⠢⠤⢄⣀⡀⎋[0m
 │                       ⎋[38;2;31;119;180m⠈⠉⠉⠉⠒⠒⠒⠒⠄⎋[0m
 └─┬──────────────┬──────────────┬─
   0              2              4
                epoch
⎋[38;2;31;119;180m──⎋[0m train   ⎋[38;2;191;0;191m╌╌⎋[0m test
⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;0;0;0m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;255;255;255m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;2;255;255;255m⎋[48;2;255;255;255m▀▀▀▀▀▀▀▀▀⎋[38;2;170;170;170m⎋[48;2;170;170;170m▀▀▀▀▀▀▀▀▀⎋[38;2;85;85;85m⎋[48;2;85;85;85m▀▀▀▀▀▀▀▀▀⎋[38;2;0;0;0m⎋[48;2;0;0;0m▀▀▀▀▀▀▀▀▀⎋[0m

"""#),
        Snapshot(id: "palette256", level: .palette256, text: #"""
                loss
4┤ ⎋[38;5;31m⠐⢄⎋[0m
 │   ⎋[38;5;31m⠑⡄⎋[0m
 │ ⎋[38;5;127m⠐⠒⠄⠨⣢⡀⎋[0m
 │      ⎋[38;5;31m⠈⎋[38;5;127m⠪⣉⠂⠒⠤⎋[0m ⎋[38;5;127m⣀⣀⎋[0m
2┤         ⎋[38;5;31m⠑⠢⢄⡀⎋[0m   ⎋[38;5;127m⠙⎋[0m ⎋[38;5;127m⠒⠒⎋[0m ⎋[38;5;127m⠢⠤⠠⠤⠄⠠⠤⠄⢀⣀⡀⎋[0m
 │            ⎋[38;5;31m⠈⠑⠢⢄⡀⎋[0m
 │                ⎋[38;5;31m⠈⠑⠒⠢⠤⢄⣀⡀⎋[0m
 │                       ⎋[38;5;31m⠈⠉⠉⠉⠒⠒⠒⠒⠄⎋[0m
 └─┬──────────────┬──────────────┬─
   0              2              4
                epoch
⎋[38;5;31m──⎋[0m train   ⎋[38;5;127m╌╌⎋[0m test
⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;16m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;231m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[0m
⎋[38;5;231m⎋[48;5;231m▀▀▀▀▀▀▀▀▀⎋[38;5;248m⎋[48;5;248m▀▀▀▀▀▀▀▀▀⎋[38;5;240m⎋[48;5;240m▀▀▀▀▀▀▀▀▀⎋[38;5;16m⎋[48;5;16m▀▀▀▀▀▀▀▀▀⎋[0m

"""#),
        Snapshot(id: "monochrome", level: .monochrome, text: #"""
                loss
4┤ ⠐⢄
 │   ⠑⡄
 │ ⠐⠒⠄⠨⣢⡀
 │      ⠈⠪⣉⠂⠒⠤ ⣀⣀
2┤         ⠑⠢⢄⡀   ⠙ ⠒⠒ ⠢⠤⠠⠤⠄⠠⠤⠄⢀⣀⡀
 │            ⠈⠑⠢⢄⡀
 │                ⠈⠑⠒⠢⠤⢄⣀⡀
 │                       ⠈⠉⠉⠉⠒⠒⠒⠒⠄
 └─┬──────────────┬──────────────┬─
   0              2              4
                epoch
── train   ╌╌ test
█████████▓▓▓▓▓▓▓▓▓░░░░░░░░░
█████████▓▓▓▓▓▓▓▓▓░░░░░░░░░
█████████▓▓▓▓▓▓▓▓▓░░░░░░░░░
█████████▓▓▓▓▓▓▓▓▓░░░░░░░░░
▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒
         ░░░░░░░░░▓▓▓▓▓▓▓▓▓█████████
         ░░░░░░░░░▓▓▓▓▓▓▓▓▓█████████
         ░░░░░░░░░▓▓▓▓▓▓▓▓▓█████████
         ░░░░░░░░░▓▓▓▓▓▓▓▓▓█████████

"""#),
        Snapshot(id: "ascii", level: .ascii, text: #"""
                loss
4+ *
 |  **
 | ++++**
 |       +++ +++
2+         ***  + ++++ +++  ++++
 |            *****
 |                 ***********
 |                            ****
 +-+--------------+--------------+-
   0              2              4
                epoch
** train   ++ test
@@@@@@@@@*********---------
@@@@@@@@@*********---------
@@@@@@@@@*********---------
@@@@@@@@@*********---------
++++++++++++++++++++++++++++++++++++
         ---------*********@@@@@@@@@
         ---------*********@@@@@@@@@
         ---------*********@@@@@@@@@
         ---------*********@@@@@@@@@

"""#),
    ]

    @Test(arguments: snapshots)
    func snapshot(_ s: Snapshot) {
        let caps = TerminalCapabilities(color: s.level)
        let text = TerminalImage.render(figure: Samples.lineFigure(), width: 36, capabilities: caps, maxRows: 12)
            + TerminalImage.render(figure: Samples.imageFigure(), width: 36, capabilities: caps, maxRows: 12)
        #expect(text.replacingOccurrences(of: "\u{1B}", with: "⎋") == s.text)
        if s.level == .ascii { #expect(text.unicodeScalars.allSatisfy { $0.isASCII }) }
        if s.level == .monochrome || s.level == .ascii { #expect(!text.contains("\u{1B}")) }
    }
}
