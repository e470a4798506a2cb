/// Rasterising a figure: layout from text sizes (like matplotlib's tight layout), then
/// grid, images, lines, markers, frame, ticks, labels, legend and colour bar.
extension Figure {
    /// Draws the figure at its pixel size.
    public func rasterize() -> Raster {
        let (w, h) = pixelSize
        var r = Raster(width: w, height: h, background: .white)
        let s = max(1, Int((dpi / 100).rounded()))
        let pad = 4 * s
        let lineH = BitmapFont.lineHeight * s
        var top = 0, right = w
        if !suptitle.isEmpty {
            let tw = BitmapFont.width(suptitle, scale: s)
            r.drawText(suptitle, x: (w - tw) / 2, y: pad, color: .black, scale: s)
            top = pad + lineH
        }
        var barTicks: [Tick] = []
        if let cb = colorbar {
            barTicks = Ticks.linear(cb.lo, cb.hi, target: 5)
            let labelW = barTicks.map { BitmapFont.width($0.label.plain, scale: s) }.max() ?? 0
            right = w - (pad * 2 + 12 * s + 4 * s + 2 + labelW)
        }
        let area = PixelRect(x0: 0, y0: top, x1: max(1, right), y1: h)
        var boxes: [PixelRect] = []
        for ax in axes {
            let cw = Double(area.width) / Double(max(1, ax.columns)), ch = Double(area.height) / Double(max(1, ax.rows))
            let cell = PixelRect(x0: area.x0 + Int((Double(ax.column) * cw).rounded()),
                                 y0: area.y0 + Int((Double(ax.row) * ch).rounded()),
                                 x1: area.x0 + Int((Double(ax.column + 1) * cw).rounded()),
                                 y1: area.y0 + Int((Double(ax.row + 1) * ch).rounded()))
            boxes.append(AxesPainter(axes: ax, cell: cell, scale: s, dpi: dpi).paint(into: &r))
        }
        if let cb = colorbar {
            let y0 = boxes.map(\.y0).min() ?? pad, y1 = boxes.map(\.y1).max() ?? (h - pad)
            let full = Double(y1 - y0), len = full * min(1, max(0.05, cb.shrink))
            let by0 = y0 + Int(((full - len) / 2).rounded()), by1 = by0 + Int(len.rounded())
            let bx0 = right + pad, bx1 = bx0 + 12 * s
            for y in by0..<max(by0 + 1, by1) {
                let t = by1 - by0 > 1 ? 1 - Double(y - by0) / Double(by1 - by0 - 1) : 0.5
                let c = cb.colormap.color(at: t)
                r.fill(x0: bx0, y0: y, x1: bx1, y1: y + 1, c)
            }
            r.frame(x0: bx0, y0: by0, x1: bx1, y1: by1, .black)
            let axis = ResolvedAxis(start: cb.lo, end: cb.hi, scale: .linear, ticks: barTicks)
            for t in barTicks {
                let f = axis.fraction(t.value)
                guard f.isFinite, f >= 0, f <= 1 else { continue }
                let y = by1 - Int((f * Double(by1 - by0)).rounded())
                r.hline(x0: bx1, x1: bx1 + 3 * s, y: y, .black)
                r.drawLabel(t.label, x: bx1 + 4 * s + 2, y: y - BitmapFont.ascent * s / 2, scale: s)
            }
        }
        return r
    }
}

extension Raster {
    /// Width of a tick label (with its raised exponent, if any).
    static func labelWidth(_ l: TickLabel, scale s: Int) -> Int {
        var w = BitmapFont.width(l.text, scale: s)
        if let e = l.exponent { w += s + BitmapFont.width(e, scale: s) }
        return w
    }

    /// Draws a tick label with its top-left corner at (x, y).
    mutating func drawLabel(_ l: TickLabel, x: Int, y: Int, scale s: Int) {
        drawText(l.text, x: x, y: y, color: .black, scale: s)
        if let e = l.exponent {
            drawText(e, x: x + BitmapFont.width(l.text, scale: s) + s, y: y - 3 * s, color: .black, scale: s)
        }
    }
}

/// Lays out and paints one axes inside its grid cell.
struct AxesPainter {
    let axes: Axes
    let cell: PixelRect
    let scale: Int
    let dpi: Double

    /// Paints and returns the plot box.
    func paint(into r: inout Raster) -> PixelRect {
        let s = scale
        let pad = 4 * s, tickLen = 4 * s, lineH = BitmapFont.lineHeight * s
        let on = axes.axisOn
        // Tick counts from the space there is; y first (its labels set the left margin).
        let titleH = axes.title.isEmpty ? 0 : lineH + 2 * s
        let bottomGuess = on ? tickLen + 2 * s + lineH + (axes.xlabel.isEmpty ? 0 : lineH) : 0
        let heightGuess = max(10, cell.height - pad * 2 - titleH - bottomGuess)
        let yTarget = max(2, min(8, heightGuess / (30 * s)))
        var (xa, ya) = axes.resolve(xTicks: 5, yTicks: yTarget)
        let yLabelW = ya.ticks.map { Raster.labelWidth($0.label, scale: s) }.max() ?? 0
        let left = pad + (on ? (axes.ylabel.isEmpty ? 0 : lineH) + yLabelW + 3 * s + tickLen : 0)
        let lastXW = xa.ticks.last.map { Raster.labelWidth($0.label, scale: s) } ?? 0
        let rightM = pad + (on ? max(2 * s, lastXW / 2) : 0)
        let bottom = pad + (on ? tickLen + 2 * s + lineH + (axes.xlabel.isEmpty ? 0 : lineH) : 0)
        let raised = ya.ticks.contains { $0.label.exponent != nil } ? 3 * s : 0
        let top = pad + titleH + (on ? BitmapFont.ascent * s / 2 + raised : 0)
        var box = PixelRect(x0: cell.x0 + left, y0: cell.y0 + top, x1: max(cell.x0 + left + 4, cell.x1 - rightM),
                            y1: max(cell.y0 + top + 4, cell.y1 - bottom))
        // Room for x tick labels, then re-resolve with a count that fits.
        let widest = xa.ticks.map { Raster.labelWidth($0.label, scale: s) }.max() ?? 20
        let xTarget = max(2, min(8, box.width / max(1, widest + 24 * s)))
        (xa, ya) = axes.resolve(xTicks: xTarget, yTicks: yTarget)
        if on, let last = xa.ticks.last {
            // Keep the last x label inside the cell when its tick sits at the right edge.
            let half = Raster.labelWidth(last.label, scale: s) / 2
            let f = xa.fraction(last.value)
            let overhang = Int((Double(box.x0) + f * Double(box.width)).rounded()) + half - (cell.x1 - 2)
            if f.isFinite, overhang > 0 { box.x1 = max(box.x0 + 4, box.x1 - overhang) }
        }
        if axes.isImage {
            // Square pixels: shrink the box to the data's aspect ratio, centred.
            let dw = abs(xa.end - xa.start), dh = abs(ya.end - ya.start)
            if dw > 0, dh > 0 {
                let aspect = dw / dh
                let bw = Double(box.width), bh = Double(box.height)
                if bw / bh > aspect {
                    let nw = Int((bh * aspect).rounded())
                    box.x0 += (box.width - nw) / 2
                    box.x1 = box.x0 + max(1, nw)
                } else {
                    let nh = Int((bw / aspect).rounded())
                    box.y0 += (box.height - nh) / 2
                    box.y1 = box.y0 + max(1, nh)
                }
            }
        }
        let bw = Double(box.width), bh = Double(box.height)
        func px(_ v: Double) -> Double { Double(box.x0) + xa.fraction(v) * bw }
        func py(_ v: Double) -> Double { Double(box.y1) - ya.fraction(v) * bh }

        if axes.grid && on {
            let gc = RGBA(0xb0, 0xb0, 0xb0)
            for t in xa.ticks { r.vline(x: min(box.x1 - 1, Int(px(t.value))), y0: box.y0, y1: box.y1 - 1, gc) }
            for t in ya.ticks { r.hline(x0: box.x0, x1: box.x1 - 1, y: min(box.y1 - 1, Int(py(t.value))), gc) }
        }
        for img in axes.images { paintImage(img, &r, box, xa, ya) }
        let clip = PixelRect(x0: max(0, box.x0), y0: max(0, box.y0), x1: min(r.width, box.x1), y1: min(r.height, box.y1))
        let ptsPerPx = dpi / 72
        for series in axes.lines {
            let n = min(series.xs.count, series.ys.count)
            let pts = (0..<n).map { (px(series.xs[$0]), py(series.ys[$0])) }
            r.strokePolyline(pts, color: series.color, width: series.lineWidth * ptsPerPx, style: series.style, clip: clip)
            if series.marker != .none {
                let markerClip = PixelRect(x0: 0, y0: 0, x1: r.width, y1: r.height)
                for (x, y) in pts where x.isFinite && y.isFinite && x >= Double(box.x0) - 1 && x <= Double(box.x1) + 1
                    && y >= Double(box.y0) - 1 && y <= Double(box.y1) + 1 {
                    r.drawMarker(series.marker, x: x, y: y, size: series.markerSize * ptsPerPx, color: series.color, clip: markerClip)
                }
            }
        }
        if on {
            r.frame(x0: box.x0 - 1, y0: box.y0 - 1, x1: box.x1, y1: box.y1, .black)
            let charH = BitmapFont.ascent * s
            for t in xa.ticks {
                let x = Int(px(t.value).rounded(.down))
                r.vline(x: x, y0: box.y1 + 1, y1: box.y1 + tickLen, .black)
                let lw = Raster.labelWidth(t.label, scale: s)
                r.drawLabel(t.label, x: x - lw / 2, y: box.y1 + tickLen + 3 * s, scale: s)
            }
            for t in ya.ticks {
                let y = Int(py(t.value).rounded(.down))
                r.hline(x0: box.x0 - 1 - tickLen, x1: box.x0 - 2, y: y, .black)
                let lw = Raster.labelWidth(t.label, scale: s)
                r.drawLabel(t.label, x: box.x0 - 1 - tickLen - 2 * s - lw, y: y - charH / 2, scale: s)
            }
            if !axes.xlabel.isEmpty {
                let tw = BitmapFont.width(axes.xlabel, scale: s)
                r.drawText(axes.xlabel, x: (box.x0 + box.x1 - tw) / 2, y: box.y1 + tickLen + 3 * s + lineH, color: .black, scale: s)
            }
            if !axes.ylabel.isEmpty {
                let tw = BitmapFont.width(axes.ylabel, scale: s)
                r.drawText(axes.ylabel, x: cell.x0 + pad, y: (box.y0 + box.y1 - tw) / 2, color: .black, scale: s, direction: .up)
            }
        }
        if !axes.title.isEmpty {
            let tw = BitmapFont.width(axes.title, scale: s)
            r.drawText(axes.title, x: (box.x0 + box.x1 - tw) / 2, y: box.y0 - lineH, color: .black, scale: s)
        }
        if axes.legend != nil { paintLegend(&r, box, px: px, py: py) }
        return box
    }

    private func paintImage(_ img: ImageLayer, _ r: inout Raster, _ box: PixelRect, _ xa: ResolvedAxis, _ ya: ResolvedAxis) {
        let range = img.range
        // Inverse mapping: each box pixel samples the nearest image pixel.
        let x0 = xa.start, x1 = xa.end, y0 = ya.start, y1 = ya.end
        var colors: [RGBA] = []
        colors.reserveCapacity(img.width * img.height)
        for y in 0..<img.height {
            for x in 0..<img.width { colors.append(img.color(x: x, y: y, range: range)) }
        }
        for py in box.y0..<box.y1 {
            let fy = 1 - (Double(py - box.y0) + 0.5) / Double(box.height)
            let dy = y0 + fy * (y1 - y0)
            let iy = Int((dy + 0.5).rounded(.down))
            guard iy >= 0, iy < img.height else { continue }
            for px in box.x0..<box.x1 {
                let fx = (Double(px - box.x0) + 0.5) / Double(box.width)
                let dx = x0 + fx * (x1 - x0)
                let ix = Int((dx + 0.5).rounded(.down))
                guard ix >= 0, ix < img.width else { continue }
                r.blend(px, py, colors[iy * img.width + ix])
            }
        }
    }

    private func paintLegend(_ r: inout Raster, _ box: PixelRect, px: (Double) -> Double, py: (Double) -> Double) {
        let entries = axes.legendEntries
        guard !entries.isEmpty, let legend = axes.legend else { return }
        let s = scale
        let lineH = BitmapFont.lineHeight * s, pad = 4 * s, sample = 20 * s
        let textW = entries.map { BitmapFont.width($0.1, scale: s) }.max() ?? 0
        let lw = pad + sample + pad + textW + pad, lh = pad + entries.count * lineH
        let inset = 4 * s
        func rect(_ loc: LegendLocation) -> PixelRect {
            let l = box.x0 + inset, rt = box.x1 - inset - lw, cx = (box.x0 + box.x1 - lw) / 2
            let t = box.y0 + inset, b = box.y1 - inset - lh, cy = (box.y0 + box.y1 - lh) / 2
            let (x, y): (Int, Int)
            switch loc {
            case .best, .upperRight: (x, y) = (rt, t)
            case .upperLeft: (x, y) = (l, t)
            case .lowerLeft: (x, y) = (l, b)
            case .lowerRight: (x, y) = (rt, b)
            case .upperCenter: (x, y) = (cx, t)
            case .lowerCenter: (x, y) = (cx, b)
            case .centerLeft: (x, y) = (l, cy)
            case .centerRight: (x, y) = (rt, cy)
            case .center: (x, y) = (cx, cy)
            }
            return PixelRect(x0: x, y0: y, x1: x + lw, y1: y + lh)
        }
        var place = rect(legend.location)
        if legend.location == .best {
            // The first candidate (in matplotlib's order) covering the fewest data points.
            var bestCount = Int.max
            for loc in [LegendLocation.upperRight, .upperLeft, .lowerLeft, .lowerRight, .centerRight, .centerLeft, .lowerCenter, .upperCenter, .center] {
                let c = rect(loc)
                var count = 0
                for sr in axes.lines {
                    for i in 0..<min(sr.xs.count, sr.ys.count) {
                        let x = px(sr.xs[i]), y = py(sr.ys[i])
                        if x >= Double(c.x0), x <= Double(c.x1), y >= Double(c.y0), y <= Double(c.y1) { count += 1 }
                    }
                }
                if count < bestCount {
                    bestCount = count
                    place = c
                }
            }
        }
        r.fill(x0: place.x0, y0: place.y0, x1: place.x1, y1: place.y1, RGBA(255, 255, 255, 204))
        r.frame(x0: place.x0, y0: place.y0, x1: place.x1 - 1, y1: place.y1 - 1, RGBA(0xcc, 0xcc, 0xcc))
        let full = PixelRect(x0: 0, y0: 0, x1: r.width, y1: r.height)
        for (i, (series, label)) in entries.enumerated() {
            let cy = Double(place.y0 + pad / 2 + i * lineH + lineH / 2)
            let x0 = Double(place.x0 + pad)
            let width = series.lineWidth * dpi / 72
            r.strokePolyline([(x0, cy), (x0 + Double(sample), cy)], color: series.color, width: width, style: series.style, clip: full)
            if series.marker != .none {
                r.drawMarker(series.marker, x: x0 + Double(sample) / 2, y: cy, size: series.markerSize * dpi / 72, color: series.color, clip: full)
            }
            r.drawText(label, x: place.x0 + pad + sample + pad, y: Int(cy) - BitmapFont.ascent * s / 2, color: .black, scale: s)
        }
    }
}
