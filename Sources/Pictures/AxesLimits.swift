/// One axis with its limits resolved: the range in data units, the scale, the ticks.
public struct ResolvedAxis: Equatable, Sendable {
    /// The data values at the start (left or bottom) and end (right or top) of the axis.
    public var start: Double
    public var end: Double
    public var scale: Scale
    public var ticks: [Tick]

    /// Where `v` falls along the axis, 0 at `start` and 1 at `end` (NaN when undefined).
    public func fraction(_ v: Double) -> Double {
        let a = transform(start), b = transform(end), t = transform(v)
        guard a.isFinite, b.isFinite, t.isFinite, a != b else { return .nan }
        return (t - a) / (b - a)
    }

    func transform(_ v: Double) -> Double {
        switch scale {
        case .linear: v
        case .log: v > 0 ? M.log10(v) : .nan
        }
    }
}

extension Axes {
    /// The data range of the lines along one axis (positive values only on a log axis),
    /// nil when there is no finite data.
    private func dataRange(_ values: (LineSeries) -> [Double], _ scale: Scale) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        for s in lines {
            for v in values(s) where v.isFinite && (scale == .linear || v > 0) {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Autoscaled limits with matplotlib's 5% margins (in the axis's own scale).
    private static func withMargins(_ r: (Double, Double), _ scale: Scale) -> (Double, Double) {
        switch scale {
        case .linear:
            var (lo, hi) = r
            if lo == hi {
                let d = lo == 0 ? 0.05 : abs(lo) * 0.05
                return (lo - d, hi + d)
            }
            let m = (hi - lo) * 0.05
            lo -= m
            hi += m
            return (lo, hi)
        case .log:
            var a = M.log10(r.0), b = M.log10(r.1)
            if a == b {
                a -= 0.05
                b += 0.05
            } else {
                let m = (b - a) * 0.05
                a -= m
                b += m
            }
            return (M.pow10(a), M.pow10(b))
        }
    }

    /// Resolves both axes. `xTicks`/`yTicks` are how many ticks fit (a rough target).
    public func resolve(xTicks: Int, yTicks: Int) -> (x: ResolvedAxis, y: ResolvedAxis) {
        var xr: (Double, Double), yr: (Double, Double)
        let fallback: (Double, Double) = (0, 1)
        if let img = images.first {
            // Pixel centres at integers; row 0 at the top.
            var w = Double(img.width), h = Double(img.height)
            for i in images.dropFirst() {
                w = max(w, Double(i.width))
                h = max(h, Double(i.height))
            }
            xr = (-0.5, w - 0.5)
            yr = (h - 0.5, -0.5)
            if let d = dataRange({ $0.xs }, xscale) { xr = (min(xr.0, d.0), max(xr.1, d.1)) }
            if let d = dataRange({ $0.ys }, yscale) { yr = (max(yr.0, d.1), min(yr.1, d.0)) }
        } else {
            xr = dataRange({ $0.xs }, xscale).map { Axes.withMargins($0, xscale) } ?? fallback
            yr = dataRange({ $0.ys }, yscale).map { Axes.withMargins($0, yscale) } ?? fallback
            if xscale == .log && xr.0 <= 0 { xr = (1, 10) }
            if yscale == .log && yr.0 <= 0 { yr = (1, 10) }
        }
        if let l = xlim { xr = Axes.completeLimit(l, xr) }
        if let l = ylim { yr = Axes.completeLimit(l, yr) }
        func axis(_ r: (Double, Double), _ scale: Scale, _ fixed: [Double]?, _ target: Int) -> ResolvedAxis {
            var a = ResolvedAxis(start: r.0, end: r.1, scale: scale, ticks: [])
            if let fixed {
                a.ticks = fixed.map { Tick(value: $0, label: TickLabel(text: Ticks.shortest($0))) }
            } else {
                switch scale {
                case .linear: a.ticks = Ticks.linear(r.0, r.1, target: target)
                case .log: a.ticks = Ticks.log(r.0, r.1, target: target)
                }
                if isImage { a.ticks = a.ticks.filter { $0.value == $0.value.rounded() } }
            }
            a.ticks = a.ticks.filter { let f = a.fraction($0.value); return f >= -1e-9 && f <= 1 + 1e-9 }
            return a
        }
        return (axis(xr, xscale, xticks, xTicks), axis(yr, yscale, yticks, yTicks))
    }

    /// A user limit where NaN stands for "keep the automatic value" (`xlim(right=3)`).
    private static func completeLimit(_ l: (Double, Double), _ auto: (Double, Double)) -> (Double, Double) {
        (l.0.isNaN ? auto.0 : l.0, l.1.isNaN ? auto.1 : l.1)
    }

    /// The series with the labels a legend shows: explicit legend labels replace the
    /// series' own in order; series without a label (or labelled `_...`) are skipped.
    public var legendEntries: [(LineSeries, String)] {
        if let labels = legend?.labels {
            return zip(lines, labels).map { ($0, $1) }
        }
        return lines.compactMap { s in
            guard let l = s.label, !l.isEmpty, !l.hasPrefix("_") else { return nil }
            return (s, l)
        }
    }
}
