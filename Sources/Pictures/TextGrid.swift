/// A block of terminal cells: a character with optional foreground/background colours.
struct TextGrid {
    struct Cell: Equatable {
        var ch: Character = " "
        var fg: RGBA?
        var bg: RGBA?
    }
    private(set) var rows: [[Cell]]
    let width: Int

    init(width: Int, height: Int) {
        self.width = max(0, width)
        rows = Array(repeating: Array(repeating: Cell(), count: max(0, width)), count: max(0, height))
    }

    var height: Int { rows.count }

    subscript(x: Int, y: Int) -> Cell {
        get { rows[y][x] }
        set {
            guard y >= 0, y < rows.count, x >= 0, x < width else { return }
            rows[y][x] = newValue
        }
    }

    /// Writes text from column x (clipped at the right edge).
    mutating func put(_ text: String, x: Int, y: Int, fg: RGBA? = nil) {
        guard y >= 0, y < rows.count else { return }
        var cx = x
        for ch in text where cx < width {
            if cx >= 0 { rows[y][cx] = Cell(ch: ch, fg: fg, bg: nil) }
            cx += 1
        }
    }

    /// Appends a full-width row.
    mutating func appendRow(_ text: String = "", fg: RGBA? = nil, centered: Bool = false) {
        rows.append(Array(repeating: Cell(), count: width))
        let n = text.count
        put(text, x: centered ? max(0, (width - n) / 2) : 0, y: rows.count - 1, fg: fg)
    }

    mutating func appendRows(_ other: TextGrid) {
        for r in other.rows {
            var row = Array(r.prefix(width))
            if row.count < width { row += Array(repeating: Cell(), count: width - row.count) }
            rows.append(row)
        }
    }

    /// Places `other` with its top-left at (x, y), growing the grid downwards as needed.
    mutating func blit(_ other: TextGrid, x: Int, y: Int) {
        while rows.count < y + other.height { rows.append(Array(repeating: Cell(), count: width)) }
        for (j, r) in other.rows.enumerated() {
            for (i, c) in r.enumerated() { self[x + i, y + j] = c }
        }
    }

    /// The grid as text at a colour level, trailing blanks trimmed, each line ended by
    /// a newline and with colours reset before it.
    func render(_ level: TerminalCapabilities.ColorLevel) -> String {
        var out = ""
        for r in rows {
            var line = ""
            var curFg: RGBA?, curBg: RGBA?
            var last = r.count
            while last > 0, r[last - 1].ch == " ", r[last - 1].bg == nil { last -= 1 }
            for c in r.prefix(last) {
                switch level {
                case .trueColor, .palette256:
                    if c.fg != curFg || c.bg != curBg {
                        if (curFg != nil && c.fg == nil) || (curBg != nil && c.bg == nil) { line += "\u{1B}[0m"; curFg = nil; curBg = nil }
                        if let f = c.fg, f != curFg { line += AnsiColor.fg(f, level) }
                        if let b = c.bg, b != curBg { line += AnsiColor.bg(b, level) }
                        curFg = c.fg
                        curBg = c.bg
                    }
                case .monochrome, .ascii: break
                }
                line.append(c.ch)
            }
            if curFg != nil || curBg != nil { line += "\u{1B}[0m" }
            out += line + "\n"
        }
        return out
    }
}

/// ANSI colour escapes.
enum AnsiColor {
    static func fg(_ c: RGBA, _ level: TerminalCapabilities.ColorLevel) -> String {
        switch level {
        case .trueColor: "\u{1B}[38;2;\(c.r);\(c.g);\(c.b)m"
        case .palette256: "\u{1B}[38;5;\(palette(c))m"
        case .monochrome, .ascii: ""
        }
    }
    static func bg(_ c: RGBA, _ level: TerminalCapabilities.ColorLevel) -> String {
        switch level {
        case .trueColor: "\u{1B}[48;2;\(c.r);\(c.g);\(c.b)m"
        case .palette256: "\u{1B}[48;5;\(palette(c))m"
        case .monochrome, .ascii: ""
        }
    }

    /// The nearest xterm-256 entry: the 6×6×6 cube or the 24-step grey ramp.
    static func palette(_ c: RGBA) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func nearest(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in levels.enumerated() where abs(l - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let ri = nearest(c.r), gi = nearest(c.g), bi = nearest(c.b)
        let cube = (levels[ri], levels[gi], levels[bi])
        let cubeErr = sq(cube.0 - Int(c.r)) + sq(cube.1 - Int(c.g)) + sq(cube.2 - Int(c.b))
        let avg = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let gi2 = min(23, max(0, (avg - 8 + 5) / 10))
        let gv = 8 + gi2 * 10
        let greyErr = sq(gv - Int(c.r)) + sq(gv - Int(c.g)) + sq(gv - Int(c.b))
        return greyErr < cubeErr ? 232 + gi2 : 16 + 36 * ri + 6 * gi + bi
    }
    private static func sq(_ x: Int) -> Int { x * x }
}
