/// Pictures for the terminal: figures drawn with characters (braille dots for lines,
/// upper-half blocks for images), or the PNG itself through an inline-image protocol.
public enum TerminalImage {
    /// Renders a shown PNG at most `width` columns wide. A picture remembered in
    /// `store` (everything the interpreter shows) is drawn from its figure or raster;
    /// any other PNG is decoded. Inline-image escapes are used only when
    /// `capabilities.inlineImages` says so. Returns text ending in a newline.
    public static func render(png: [UInt8], width: Int, capabilities: TerminalCapabilities,
                              store: PictureStore = .shared, maxRows: Int = 24) -> String {
        if let inline = inlineImage(png: png, width: width, capabilities.inlineImages) { return inline }
        if let p = store.picture(forPNG: png) { return render(picture: p, width: width, capabilities: capabilities, maxRows: maxRows) }
        guard let raster = try? PNG.decode(png) else {
            let size = PNG.size(of: png).map { " \($0.width)x\($0.height)" } ?? ""
            return "<image/png\(size)>\n"
        }
        return render(raster: raster, width: width, capabilities: capabilities, maxRows: maxRows)
    }

    /// Renders a picture: from its figure when it has one, else from its raster.
    public static func render(picture: Picture, width: Int, capabilities: TerminalCapabilities, maxRows: Int = 24) -> String {
        if let inline = inlineImage(png: picture.png, width: width, capabilities.inlineImages) { return inline }
        if let f = picture.figure { return render(figure: f, width: width, capabilities: capabilities, maxRows: maxRows) }
        return render(raster: picture.raster, width: width, capabilities: capabilities, maxRows: maxRows)
    }

    /// Renders a raster as half blocks (two pixels per cell), scaled to fit.
    public static func render(raster: Raster, width: Int, capabilities: TerminalCapabilities, maxRows: Int = 24) -> String {
        let cols = max(1, min(width, raster.width))
        var pixRows = max(2, Int((Double(raster.height) * Double(cols) / Double(raster.width)).rounded()))
        var useCols = cols
        if pixRows > maxRows * 2 {
            pixRows = maxRows * 2
            useCols = max(1, Int((Double(raster.width) * Double(pixRows) / Double(raster.height)).rounded()))
        }
        let cells = HalfBlocks.cells(useCols, pixRows) { x0, y0, x1, y1 in raster.average(x0, y0, x1, y1) }
        var grid = TextGrid(width: useCols, height: 0)
        grid.appendRows(HalfBlocks.grid(cells, capabilities.color))
        return grid.render(capabilities.color)
    }

    /// Renders a figure: each axes as a character plot, subplots side by side in their
    /// grid rows, a colour bar as a gradient line.
    public static func render(figure: Figure, width: Int, capabilities: TerminalCapabilities, maxRows: Int = 24) -> String {
        let level = capabilities.color
        let w = max(20, width)
        var out = TextGrid(width: w, height: 0)
        if !figure.suptitle.isEmpty { out.appendRow(figure.suptitle, centered: true) }
        let rowsInGrid = figure.axes.map { $0.row + 1 }.max() ?? 0
        let (fw, fh) = figure.pixelSize
        for gridRow in 0..<rowsInGrid {
            let inRow = figure.axes.filter { $0.row == gridRow }.sorted { $0.column < $1.column }
            guard let first = inRow.first else { continue }
            let columns = max(1, first.columns)
            let gap = 2
            let cellW = max(12, (w - gap * (columns - 1)) / columns)
            // Cell aspect from the figure, for line plots' height.
            let aspect = (Double(fh) / Double(max(1, first.rows))) / (Double(fw) / Double(columns))
            let rowLimit = max(4, maxRows / max(1, first.rows))
            var band = TextGrid(width: w, height: 0)
            for ax in inRow {
                let g = AxesText(axes: ax, width: cellW, aspect: aspect, maxRows: rowLimit, level: level).grid()
                band.blit(g, x: ax.column * (cellW + gap), y: 0)
            }
            out.appendRows(band)
        }
        if let cb = figure.colorbar { out.appendRow(); out.blit(colorbarLine(cb, width: w, level), x: 0, y: out.height - 1) }
        return out.render(level)
    }

    /// A one-line colour bar: `lo ████ hi` (shade characters without colour).
    static func colorbarLine(_ cb: Colorbar, width: Int, _ level: TerminalCapabilities.ColorLevel) -> TextGrid {
        let lo = Ticks.shortest(cb.lo), hi = Ticks.shortest(cb.hi)
        let barW = max(4, min(32, width - lo.count - hi.count - 2))
        var g = TextGrid(width: lo.count + hi.count + barW + 2, height: 1)
        g.put(lo, x: 0, y: 0)
        for i in 0..<barW {
            let t = barW > 1 ? Double(i) / Double(barW - 1) : 0.5
            let c = cb.colormap.color(at: t)
            switch level {
            case .trueColor, .palette256: g[lo.count + 1 + i, 0] = .init(ch: "█", fg: c, bg: nil)
            case .monochrome: g[lo.count + 1 + i, 0] = .init(ch: Shades.unicode(t), fg: nil, bg: nil)
            case .ascii: g[lo.count + 1 + i, 0] = .init(ch: Shades.ascii(t), fg: nil, bg: nil)
            }
        }
        g.put(hi, x: lo.count + barW + 2, y: 0)
        return g
    }

    // MARK: - Inline images

    /// The kitty or iTerm2 escape sequence showing `png` (nil when not enabled).
    static func inlineImage(png: [UInt8], width: Int, _ proto: TerminalCapabilities.InlineImages) -> String? {
        switch proto {
        case .none: return nil
        case .kitty:
            // Transmit-and-display PNG data in 4096-byte base64 chunks.
            let b64 = Array(Base64.encode(png).utf8)
            var out = ""
            var i = 0
            repeat {
                let end = min(b64.count, i + 4096)
                let more = end < b64.count ? 1 : 0
                let head = i == 0 ? "a=T,f=100,c=\(max(1, width)),m=\(more)" : "m=\(more)"
                out += "\u{1B}_G\(head);\(String(decoding: b64[i..<end], as: UTF8.self))\u{1B}\\"
                i = end
            } while i < b64.count
            return out + "\n"
        case .iTerm2:
            return "\u{1B}]1337;File=inline=1;size=\(png.count);width=\(max(1, width));preserveAspectRatio=1:\(Base64.encode(png))\u{07}\n"
        }
    }
}

/// Shade ramps for terminals without colour.
enum Shades {
    static func ascii(_ t: Double) -> Character {
        let ramp = Array(" .:-=+*#%@")
        let i = Int((min(1, max(0, t.isNaN ? 0 : t)) * Double(ramp.count - 1)).rounded())
        return ramp[i]
    }
    static func unicode(_ t: Double) -> Character {
        let ramp: [Character] = [" ", "░", "▒", "▓", "█"]
        let i = Int((min(1, max(0, t.isNaN ? 0 : t)) * Double(ramp.count - 1)).rounded())
        return ramp[i]
    }
}

/// Images as upper-half blocks: each cell shows two pixels, the top one as the
/// foreground of `▀` and the bottom one as the background.
enum HalfBlocks {
    /// Samples a `cols × pixRows` pixel grid through `sample(x0, y0, x1, y1)`, where the
    /// arguments are the fractional bounds (0...1) of the area a pixel covers.
    static func cells(_ cols: Int, _ pixRows: Int, _ sample: (Double, Double, Double, Double) -> RGBA) -> [[RGBA]] {
        (0..<pixRows).map { y in
            (0..<cols).map { x in
                sample(Double(x) / Double(cols), Double(y) / Double(pixRows), Double(x + 1) / Double(cols), Double(y + 1) / Double(pixRows))
            }
        }
    }

    static func grid(_ px: [[RGBA]], _ level: TerminalCapabilities.ColorLevel) -> TextGrid {
        let cols = px.first?.count ?? 0
        var g = TextGrid(width: cols, height: (px.count + 1) / 2)
        for cy in 0..<g.height {
            for x in 0..<cols {
                let top = px[cy * 2][x]
                let bottom = cy * 2 + 1 < px.count ? px[cy * 2 + 1][x] : nil
                switch level {
                case .trueColor, .palette256:
                    g[x, cy] = .init(ch: "▀", fg: top, bg: bottom)
                case .monochrome, .ascii:
                    let l = (top.luminance + (bottom ?? top).luminance) / 2
                    // Dark ink on a light terminal background reads best: more ink for darker pixels.
                    let t = 1 - l
                    g[x, cy] = .init(ch: level == .ascii ? Shades.ascii(t) : Shades.unicode(t), fg: nil, bg: nil)
                }
            }
        }
        return g
    }
}

extension Raster {
    /// The mean colour (over white for transparency) of the area given in fractions.
    func average(_ fx0: Double, _ fy0: Double, _ fx1: Double, _ fy1: Double) -> RGBA {
        let x0 = min(width - 1, Int(fx0 * Double(width))), y0 = min(height - 1, Int(fy0 * Double(height)))
        let x1 = max(x0 + 1, min(width, Int((fx1 * Double(width)).rounded(.up))))
        let y1 = max(y0 + 1, min(height, Int((fy1 * Double(height)).rounded(.up))))
        var r = 0.0, g = 0.0, b = 0.0, n = 0.0
        for y in y0..<y1 {
            for x in x0..<x1 {
                let i = (y * width + x) * 4
                let a = Double(pixels[i + 3]) / 255
                r += Double(pixels[i]) * a + 255 * (1 - a)
                g += Double(pixels[i + 1]) * a + 255 * (1 - a)
                b += Double(pixels[i + 2]) * a + 255 * (1 - a)
                n += 1
            }
        }
        return RGBA(UInt8((r / n).rounded()), UInt8((g / n).rounded()), UInt8((b / n).rounded()))
    }
}

/// Standard base64 (with padding).
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(v >> 18)], table[Int(v >> 12 & 63)], table[Int(v >> 6 & 63)], table[Int(v & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let v = UInt32(bytes[i]) << 16
            out += [table[Int(v >> 18)], table[Int(v >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [table[Int(v >> 18)], table[Int(v >> 12 & 63)], table[Int(v >> 6 & 63)], UInt8(ascii: "=")]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
