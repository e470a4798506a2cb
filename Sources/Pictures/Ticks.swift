/// A tick label: plain text, or a base with a raised exponent (`10` with `-3` for 10⁻³).
public struct TickLabel: Equatable, Sendable {
    public var text: String
    public var exponent: String?

    /// How the label reads in plain text (`1e-3` for powers of ten).
    public var plain: String {
        guard let exponent else { return text }
        return text == "10" ? "1e\(exponent)" : "\(text)^\(exponent)"
    }
}

/// A tick: its data value and label.
public struct Tick: Equatable, Sendable {
    public var value: Double
    public var label: TickLabel
}

/// Tick placement with "nice" numbers (steps of 1, 2, 2.5 or 5 times a power of ten), and
/// number formatting without Foundation.
public enum Ticks {
    /// Nice ticks inside [lo, hi] (either order), about `target` of them.
    public static func linear(_ lo: Double, _ hi: Double, target: Int) -> [Tick] {
        let a = min(lo, hi), b = max(lo, hi)
        guard a.isFinite, b.isFinite else { return [] }
        let span = b - a
        guard span > 0 else { return [Tick(value: a, label: TickLabel(text: shortest(a)))] }
        let step = niceStep(span / Double(max(1, target)))
        let first = (a / step - 1e-9).rounded(.up)
        let last = (b / step + 1e-9).rounded(.down)
        guard last - first < 1000 else { return [] }
        var values: [Double] = []
        var k = first
        while k <= last {
            var v = k * step
            if abs(v) < step * 1e-9 { v = 0 }
            values.append(v)
            k += 1
        }
        let maxAbs = values.map(abs).max() ?? 0
        if maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3) {
            let e = Int(M.log10(maxAbs).rounded(.down))
            let scale = M.pow10(e)
            let d = decimals(step / scale)
            return values.map { Tick(value: $0, label: TickLabel(text: fixed($0 / scale, d) + "e\(e)")) }
        }
        let d = decimals(step)
        return values.map { Tick(value: $0, label: TickLabel(text: fixed($0, d))) }
    }

    /// Ticks for a log axis over [lo, hi] (positive): powers of ten, or 1-2-5 steps when
    /// the range spans less than two decades.
    public static func log(_ lo: Double, _ hi: Double, target: Int) -> [Tick] {
        let a = min(lo, hi), b = max(lo, hi)
        guard a > 0, b.isFinite else { return [] }
        let e0 = Int((M.log10(a) - 1e-9).rounded(.up)), e1 = Int((M.log10(b) + 1e-9).rounded(.down))
        if e1 - e0 + 1 >= 2 {
            let every = max(1, (e1 - e0 + 1 + target - 1) / max(1, target))
            return stride(from: e0, through: e1, by: every).map {
                Tick(value: M.pow10($0), label: TickLabel(text: "10", exponent: "\($0)"))
            }
        }
        var out: [Tick] = []
        for e in (e0 - 1)...(e1 + 1) {
            for m in [1.0, 2, 5] {
                let v = m * M.pow10(e)
                if v >= a * (1 - 1e-9), v <= b * (1 + 1e-9) {
                    out.append(Tick(value: v, label: TickLabel(text: fixed(v, max(0, -e)))))
                }
            }
        }
        return out
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = Int(M.log10(raw).rounded(.down))
        let mag = M.pow10(e)
        let f = raw / mag
        let m: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
        return m * mag
    }

    /// Decimals needed to show multiples of `step` exactly.
    static func decimals(_ step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        for d in 0...12 {
            let s = step * M.pow10(d)
            if abs(s - s.rounded()) < 1e-6 * max(1, s) { return d }
        }
        return 12
    }

    /// `v` with exactly `d` decimals (`-0` prints as `0`).
    public static func fixed(_ v: Double, _ d: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        let scale = M.pow10(d)
        let n = (abs(v) * scale).rounded()
        guard n < 9e15 else { return shortest(v) }
        let i = Int(n)
        var digits = String(i)
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (v < 0 && i != 0 ? "-" : "") + digits
    }

    /// A compact representation like Python's `%g` with up to 6 significant digits.
    public static func shortest(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf") }
        if v == 0 { return "0" }
        let e = Int(M.log10(abs(v)).rounded(.down))
        if e < -4 || e >= 6 {
            let m = v / M.pow10(e)
            return trimZeros(fixed(m, 5)) + "e\(e)"
        }
        return trimZeros(fixed(v, max(0, 5 - e)))
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return String(t)
    }
}
