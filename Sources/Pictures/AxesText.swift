/// One axes drawn with characters: braille dots (or ASCII characters) for lines with a
/// frame, tick labels and a legend; half blocks (or shades) for images.
struct AxesText {
    let axes: Axes
    let width: Int
    /// Height over width of the axes' cell in the figure.
    let aspect: Double
    let maxRows: Int
    let level: TerminalCapabilities.ColorLevel

    private var unicode: Bool { level != .ascii }

    func grid() -> TextGrid {
        var g = TextGrid(width: width, height: 0)
        if !axes.title.isEmpty { g.appendRow(axes.title, centered: true) }
        if axes.isImage {
            image(&g)
        } else {
            lines(&g)
        }
        return g
    }

    // MARK: - Images

    private func image(_ g: inout TextGrid) {
        guard let img = axes.images.first, img.width > 0, img.height > 0 else { return }
        let avail = max(1, min(width, 48))
        var cols: Int, pixRows: Int
        if img.width <= avail && img.height <= maxRows * 2 {
            let k = max(1, min(avail / img.width, (maxRows * 2) / img.height))
            cols = img.width * k
            pixRows = img.height * k
        } else {
            cols = min(avail, img.width)
            pixRows = max(1, Int((Double(img.height) * Double(cols) / Double(img.width)).rounded()))
            if pixRows > maxRows * 2 {
                pixRows = maxRows * 2
                cols = max(1, Int((Double(img.width) * Double(pixRows) / Double(img.height)).rounded()))
            }
        }
        let range = img.range
        let cells = HalfBlocks.cells(cols, pixRows) { fx0, fy0, fx1, fy1 in
            // Average the image pixels the cell covers (one pixel when magnifying).
            let x0 = min(img.width - 1, Int(fx0 * Double(img.width))), y0 = min(img.height - 1, Int(fy0 * Double(img.height)))
            let x1 = max(x0 + 1, min(img.width, Int((fx1 * Double(img.width)).rounded(.down))))
            let y1 = max(y0 + 1, min(img.height, Int((fy1 * Double(img.height)).rounded(.down))))
            var r = 0.0, gg = 0.0, b = 0.0, n = 0.0
            for y in y0..<y1 {
                for x in x0..<x1 {
                    let c = img.color(x: x, y: y, range: range)
                    let a = Double(c.a) / 255
                    r += Double(c.r) * a + 255 * (1 - a)
                    gg += Double(c.g) * a + 255 * (1 - a)
                    b += Double(c.b) * a + 255 * (1 - a)
                    n += 1
                }
            }
            return RGBA(UInt8((r / n).rounded()), UInt8((gg / n).rounded()), UInt8((b / n).rounded()))
        }
        let block = HalfBlocks.grid(cells, level)
        g.blit(block, x: max(0, (width - block.width) / 2), y: g.height)
        if !axes.xlabel.isEmpty { g.appendRow(axes.xlabel, centered: true) }
    }

    // MARK: - Lines

    private static let asciiMarks: [Character] = ["*", "+", "o", "x", "#", "@", "%", "&"]

    private func lines(_ g: inout TextGrid) {
        let on = axes.axisOn
        // Tick counts from a first guess of the plot size, then the left margin from the labels.
        let guessCols = max(4, width - 6)
        let plotRows = max(4, min(max(4, maxRows - 4), Int((Double(guessCols) * aspect * 0.45).rounded())))
        let xTarget = max(3, min(6, guessCols / 10)), yTarget = max(3, min(6, plotRows / 3))
        let (xa, ya) = axes.resolve(xTicks: xTarget, yTicks: yTarget)
        let yLabelW = on ? (ya.ticks.map { $0.label.plain.count }.max() ?? 0) : 0
        let left = on ? yLabelW + 1 : 0
        let plotCols = max(4, width - left - 1)
        let (dpx, dpy) = unicode ? (2, 4) : (1, 1)
        let dw = plotCols * dpx, dh = plotRows * dpy
        var dots = [Int](repeating: -1, count: dw * dh)  // series index per dot
        func dot(_ x: Int, _ y: Int, _ s: Int) {
            guard x >= 0, y >= 0, x < dw, y < dh else { return }
            dots[y * dw + x] = s
        }
        func fx(_ v: Double) -> Double { xa.fraction(v) * Double(dw - 1) }
        func fy(_ v: Double) -> Double { (1 - ya.fraction(v)) * Double(dh - 1) }
        for (si, s) in axes.lines.enumerated() {
            let n = min(s.xs.count, s.ys.count)
            var counter = 0
            let pattern: (on: Int, off: Int)? = switch s.style {
            case .solid, .none: nil
            case .dashed: (4, 2)
            case .dashDot: (5, 3)
            case .dotted: (1, 1)
            }
            if s.style != .none && n >= 2 {
                for k in 0..<(n - 1) {
                    guard let (ax, ay, bx, by) = clip(fx(s.xs[k]), fy(s.ys[k]), fx(s.xs[k + 1]), fy(s.ys[k + 1]),
                                                      Double(dw - 1), Double(dh - 1)) else { continue }
                    let steps = Int(max(abs(bx - ax), abs(by - ay)).rounded(.up))
                    for t in 0...max(0, steps) {
                        let f = steps == 0 ? 0 : Double(t) / Double(steps)
                        if let p = pattern, counter % (p.on + p.off) >= p.on {
                            counter += 1
                            continue
                        }
                        counter += 1
                        dot(Int((ax + (bx - ax) * f).rounded()), Int((ay + (by - ay) * f).rounded()), si)
                    }
                }
            }
            if s.style == .none || s.marker != .none || n == 1 {
                for k in 0..<n {
                    let x = fx(s.xs[k]), y = fy(s.ys[k])
                    if x.isFinite, y.isFinite { dot(Int(x.rounded()), Int(y.rounded()), si) }
                }
            }
        }
        let top = g.height
        if on && !axes.ylabel.isEmpty { g.appendRow(axes.ylabel) }
        let plotTop = g.height
        var block = TextGrid(width: width, height: plotRows + 2)
        // The plot cells.
        for cy in 0..<plotRows {
            for cx in 0..<plotCols {
                var bits = 0
                var series = -1
                for j in 0..<dpy {
                    for i in 0..<dpx {
                        let s = dots[(cy * dpy + j) * dw + cx * dpx + i]
                        guard s >= 0 else { continue }
                        series = max(series, s)
                        bits |= AxesText.brailleBit(i, j)
                    }
                }
                guard series >= 0 else { continue }
                let ch: Character = unicode ? Character(Unicode.Scalar(0x2800 + bits)!) : AxesText.asciiMarks[series % AxesText.asciiMarks.count]
                block[left + cx, cy] = .init(ch: ch, fg: axes.lines[series].color, bg: nil)
            }
        }
        if on {
            let v: Character = unicode ? "│" : "|", tickY: Character = unicode ? "┤" : "+"
            let h: Character = unicode ? "─" : "-", corner: Character = unicode ? "└" : "+", tickX: Character = unicode ? "┬" : "+"
            for cy in 0..<plotRows { block[left - 1, cy] = .init(ch: v) }
            for t in ya.ticks {
                let f = ya.fraction(t.value)
                guard f.isFinite else { continue }
                let cy = min(plotRows - 1, max(0, Int(((1 - f) * Double(dh - 1)).rounded()) / dpy))
                block[left - 1, cy] = .init(ch: tickY)
                let l = t.label.plain
                block.put(l, x: left - 1 - l.count, y: cy)
            }
            block[left - 1, plotRows] = .init(ch: corner)
            for cx in 0..<plotCols { block[left + cx, plotRows] = .init(ch: h) }
            var nextFree = 0
            for t in xa.ticks {
                let f = xa.fraction(t.value)
                guard f.isFinite else { continue }
                let cx = min(plotCols - 1, max(0, Int((f * Double(dw - 1)).rounded()) / dpx))
                block[left + cx, plotRows] = .init(ch: tickX)
                let l = t.label.plain
                let x = min(width - l.count, max(0, left + cx - l.count / 2))
                if x >= nextFree {
                    block.put(l, x: x, y: plotRows + 1)
                    nextFree = x + l.count + 1
                }
            }
        }
        g.blit(block, x: 0, y: plotTop)
        if !on { while g.height > plotTop + plotRows { g = TextGrid(trimming: g, to: plotTop + plotRows) } }
        if on && !axes.xlabel.isEmpty {
            g.appendRow()
            let n = axes.xlabel.count
            g.put(axes.xlabel, x: max(0, left + (plotCols - n) / 2), y: g.height - 1)
        }
        if axes.legend != nil { legend(&g) }
        _ = top
    }

    private func legend(_ g: inout TextGrid) {
        var x = 0
        g.appendRow()
        for (i, (s, label)) in axes.legendEntries.enumerated() {
            let sample: String
            if unicode {
                sample = switch s.style {
                case .solid: "──"
                case .dashed: "╌╌"
                case .dotted: "┈┈"
                case .dashDot: "─·"
                case .none: "•"
                }
            } else {
                let m = AxesText.asciiMarks[(axes.lines.firstIndex { $0 == s } ?? i) % AxesText.asciiMarks.count]
                sample = String(repeating: String(m), count: 2)
            }
            let item = sample + " " + label
            if x > 0 && x + item.count > width {
                g.appendRow()
                x = 0
            }
            g.put(sample, x: x, y: g.height - 1, fg: s.color)
            g.put(" " + label, x: x + sample.count, y: g.height - 1)
            x += item.count + 3
        }
    }

    /// Braille dot bit for column `i` (0...1) and row `j` (0...3) of a cell.
    static func brailleBit(_ i: Int, _ j: Int) -> Int {
        if j == 3 { return i == 0 ? 0x40 : 0x80 }
        return 1 << (i * 3 + j)
    }

    /// Liang–Barsky clipping of a segment to [0, w] × [0, h]; nil when outside or not finite.
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ w: Double, _ h: Double) -> (Double, Double, Double, Double)? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return nil }
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0), (dx, w - x0), (-dy, y0), (dy, h - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
    }
}

extension TextGrid {
    /// The first `rows` rows of `g`.
    init(trimming g: TextGrid, to rows: Int) {
        self.init(width: g.width, height: 0)
        var t = TextGrid(width: g.width, height: 0)
        for r in 0..<min(rows, g.height) {
            var one = TextGrid(width: g.width, height: 1)
            for x in 0..<g.width { one[x, 0] = g[x, r] }
            t.appendRows(one)
        }
        self = t
    }
}
