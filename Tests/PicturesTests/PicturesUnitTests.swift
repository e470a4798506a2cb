import Pictures
import Testing

@Suite struct PNGStructureTests {
    /// Walks the chunks: (type, length) in order; CRCs are checked by `PNG.decode`.
    static func chunks(_ png: [UInt8]) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var pos = 8
        while pos + 8 <= png.count {
            let len = Int(png[pos]) << 24 | Int(png[pos + 1]) << 16 | Int(png[pos + 2]) << 8 | Int(png[pos + 3])
            out.append((String(decoding: png[(pos + 4)..<(pos + 8)], as: UTF8.self), len))
            pos += 12 + len
        }
        return out
    }

    @Test func layout() throws {
        var r = Raster(width: 3, height: 2)
        r.set(1, 1, RGBA(10, 20, 30))
        let png = PNG.encode(r)
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Self.chunks(png).map(\.0) == ["IHDR", "IDAT", "IEND"])
        #expect(Self.chunks(png).first?.1 == 13)
        #expect(PNG.size(of: png)?.width == 3)
        #expect(PNG.size(of: png)?.height == 2)
        #expect(png[24] == 8)  // bit depth
        #expect(png[25] == 2)  // RGB: every pixel opaque
        #expect(try PNG.decode(png) == r)
    }

    @Test func alphaKeepsRGBA() throws {
        var r = Raster(width: 2, height: 2)
        r.set(0, 0, RGBA(1, 2, 3, 4))
        let png = PNG.encode(r)
        #expect(png[25] == 6)
        #expect(try PNG.decode(png) == r)
    }

    @Test func corruptionIsCaught() {
        var png = PNG.encode(Raster(width: 4, height: 4, background: RGBA(9, 9, 9)))
        png[40] ^= 0xFF
        #expect(throws: PNG.DecodeError.self) { try PNG.decode(png) }
        #expect(throws: PNG.DecodeError.notPNG) { try PNG.decode([1, 2, 3]) }
        #expect(throws: PNG.DecodeError.truncated) { try PNG.decode(Array(PNG.encode(Raster(width: 2, height: 2)).prefix(30))) }
    }

    @Test func gradientRoundTrip() throws {
        var r = Raster(width: 64, height: 33)
        for y in 0..<33 {
            for x in 0..<64 { r.set(x, y, RGBA(UInt8(x * 4), UInt8(y * 7), UInt8((x * y) & 255))) }
        }
        #expect(try PNG.decode(PNG.encode(r)) == r)
    }
}

@Suite struct TicksTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let id: String
        let lo: Double, hi: Double, target: Int
        let labels: [String]
        var testDescription: String { id }
    }

    static let rows: [Row] = [
        Row(id: "unit", lo: 0, hi: 1, target: 5, labels: ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        Row(id: "quarters", lo: -0.1, hi: 10.3, target: 4, labels: ["0", "5", "10"]),
        Row(id: "integers", lo: -0.5, hi: 7.5, target: 8, labels: ["0", "1", "2", "3", "4", "5", "6", "7"]),
        Row(id: "negative", lo: -3, hi: 3, target: 3, labels: ["-2", "0", "2"]),
        Row(id: "large", lo: 0, hi: 300000, target: 3, labels: ["0e5", "1e5", "2e5", "3e5"]),
        Row(id: "small", lo: 0, hi: 0.0004, target: 2, labels: ["0e-4", "2e-4", "4e-4"]),
        Row(id: "reversed", lo: 5.5, hi: -0.5, target: 3, labels: ["0", "2", "4"]),
    ]

    @Test(arguments: rows)
    func linear(_ r: Row) {
        #expect(Ticks.linear(r.lo, r.hi, target: r.target).map(\.label.plain) == r.labels)
    }

    @Test func log() {
        #expect(Ticks.log(0.001, 100, target: 6).map(\.label.plain) == ["1e-3", "1e-2", "1e-1", "1e0", "1e1", "1e2"])
        #expect(Ticks.log(0.3, 4, target: 5).map(\.label.plain) == ["0.5", "1", "2"])
    }

    @Test func formatting() {
        #expect(Ticks.fixed(-0.0001, 2) == "0.00")
        #expect(Ticks.fixed(2.5, 1) == "2.5")
        #expect(Ticks.fixed(-12.345, 2) == "-12.35")
        #expect(Ticks.shortest(0.1) == "0.1")
        #expect(Ticks.shortest(1234567) == "1.23457e6")
        #expect(Ticks.shortest(-2) == "-2")
    }
}

@Suite struct TerminalTests {
    struct Env: Sendable, CustomTestStringConvertible {
        let id: String
        let env: [String: String]
        let allowInline: Bool
        let expected: TerminalCapabilities
        var testDescription: String { id }
    }

    static let envs: [Env] = [
        Env(id: "truecolor", env: ["TERM": "xterm-256color", "COLORTERM": "truecolor"], allowInline: false, expected: .init(color: .trueColor)),
        Env(id: "24bit", env: ["TERM": "screen", "COLORTERM": "24bit"], allowInline: false, expected: .init(color: .trueColor)),
        Env(id: "256", env: ["TERM": "xterm-256color"], allowInline: false, expected: .init(color: .palette256)),
        Env(id: "no color wins", env: ["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], allowInline: false, expected: .init(color: .monochrome)),
        Env(id: "dumb", env: ["TERM": "dumb", "COLORTERM": "truecolor"], allowInline: true, expected: .init(color: .ascii)),
        Env(id: "no TERM", env: [:], allowInline: false, expected: .init(color: .ascii)),
        Env(id: "kitty only when allowed", env: ["TERM": "xterm-kitty"], allowInline: false, expected: .init(color: .palette256)),
        Env(id: "kitty", env: ["TERM": "xterm-kitty", "COLORTERM": "truecolor"], allowInline: true, expected: .init(color: .trueColor, inlineImages: .kitty)),
        Env(id: "iterm", env: ["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"], allowInline: true, expected: .init(color: .palette256, inlineImages: .iTerm2)),
    ]

    @Test(arguments: envs)
    func detect(_ e: Env) {
        #expect(TerminalCapabilities.detect(environment: e.env, allowInlineImages: e.allowInline) == e.expected)
    }

    @Test func inlineImages() {
        let png = Picture(figure: Samples.imageFigure()).png
        let kitty = TerminalImage.render(png: png, width: 40, capabilities: .init(color: .trueColor, inlineImages: .kitty))
        #expect(kitty.hasPrefix("\u{1B}_Ga=T,f=100,c=40,"))
        #expect(kitty.hasSuffix("\u{1B}\\\n"))
        let iterm = TerminalImage.render(png: png, width: 40, capabilities: .init(color: .trueColor, inlineImages: .iTerm2))
        #expect(iterm.hasPrefix("\u{1B}]1337;File=inline=1;size=\(png.count);width=40;preserveAspectRatio=1:iVBORw0KGgo"))
        #expect(iterm.hasSuffix("\u{07}\n"))
    }

    @Test func unknownPNGIsDecoded() {
        // Not in the store: decoded and drawn as half blocks.
        let raster = Raster(width: 8, height: 4, background: RGBA(0, 0, 0))
        let text = TerminalImage.render(png: PNG.encode(raster), width: 8, capabilities: .init(color: .ascii), store: PictureStore(capacity: 1))
        #expect(text == "@@@@@@@@\n@@@@@@@@\n")
        #expect(TerminalImage.render(png: [0, 1], width: 8, capabilities: .init(color: .ascii)) == "<image/png>\n")
    }

    @Test func storeRemembersByBytes() {
        let store = PictureStore(capacity: 2)
        let a = Picture(figure: Samples.imageFigure()), b = Picture(raster: Raster(width: 2, height: 2))
        store.remember(a)
        store.remember(b)
        #expect(store.picture(forPNG: a.png)?.figure == a.figure)
        store.remember(Picture(raster: Raster(width: 3, height: 3)))
        #expect(store.picture(forPNG: a.png) == nil)
        #expect(store.picture(forPNG: b.png) != nil)
    }
}

@Suite struct ColormapTests {
    @Test func ends() {
        #expect(Colormap.gray.color(at: 0) == RGBA(0, 0, 0))
        #expect(Colormap.gray.color(at: 1) == RGBA(255, 255, 255))
        #expect(Colormap.named("gray_r")?.color(at: 0) == RGBA(255, 255, 255))
        #expect(Colormap.viridis.color(at: 0) == RGBA(68, 1, 84))
        #expect(Colormap.viridis.color(at: 1) == RGBA(253, 231, 37))
        #expect(Colormap.named("Reds")?.color(at: 2) == RGBA(103, 0, 13))
        #expect(Colormap.named("jet") == nil)
    }
}
