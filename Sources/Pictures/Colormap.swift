/// Colour maps for `imshow` and heatmaps: piecewise-linear ramps through a few stops.
public struct Colormap: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case viridis, gray, greys, reds, blues, greens, hot
    }
    public var kind: Kind
    /// `_r` maps: the ramp runs backwards.
    public var reversed: Bool

    public init(_ kind: Kind, reversed: Bool = false) {
        self.kind = kind
        self.reversed = reversed
    }

    /// The default map (a viridis-like ramp from dark purple through teal to yellow).
    public static let viridis = Colormap(.viridis)
    public static let gray = Colormap(.gray)

    /// A map by matplotlib name (`'gray'`, `'Reds'`, `'viridis_r'`...); nil if unknown.
    public static func named(_ name: String) -> Colormap? {
        var n = name
        var rev = false
        if n.hasSuffix("_r") {
            rev = true
            n.removeLast(2)
        }
        switch n.lowercased() {
        case "viridis": return Colormap(.viridis, reversed: rev)
        case "gray", "grey": return Colormap(.gray, reversed: rev)
        case "greys", "binary", "gray_r": return Colormap(.greys, reversed: rev)
        case "reds": return Colormap(.reds, reversed: rev)
        case "blues": return Colormap(.blues, reversed: rev)
        case "greens": return Colormap(.greens, reversed: rev)
        case "hot": return Colormap(.hot, reversed: rev)
        default: return nil
        }
    }

    /// The names `named` accepts (for error messages).
    public static let knownNames = ["viridis", "gray", "Greys", "binary", "Reds", "Blues", "Greens", "hot"]

    private var stops: [(UInt8, UInt8, UInt8)] {
        switch kind {
        case .viridis:
            [(68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
             (31, 158, 137), (53, 183, 121), (110, 206, 88), (253, 231, 37)]
        case .gray: [(0, 0, 0), (255, 255, 255)]
        case .greys: [(255, 255, 255), (0, 0, 0)]
        case .reds:
            [(255, 245, 240), (254, 224, 210), (252, 187, 161), (252, 146, 114), (251, 106, 74),
             (239, 59, 44), (203, 24, 29), (165, 15, 21), (103, 0, 13)]
        case .blues:
            [(247, 251, 255), (222, 235, 247), (198, 219, 239), (158, 202, 225), (107, 174, 214),
             (66, 146, 198), (33, 113, 181), (8, 81, 156), (8, 48, 107)]
        case .greens:
            [(247, 252, 245), (229, 245, 224), (199, 233, 192), (161, 217, 155), (116, 196, 118),
             (65, 171, 93), (35, 139, 69), (0, 109, 44), (0, 68, 27)]
        case .hot: [(11, 0, 0), (255, 0, 0), (255, 255, 0), (255, 255, 255)]
        }
    }

    /// The colour at `t` in 0...1 (clamped; NaN gives transparent).
    public func color(at t: Double) -> RGBA {
        guard !t.isNaN else { return RGBA(0, 0, 0, 0) }
        var u = min(1, max(0, t))
        if reversed { u = 1 - u }
        let s = stops
        let pos = u * Double(s.count - 1)
        let i = min(s.count - 2, Int(pos))
        let f = pos - Double(i)
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * f).rounded())
        }
        return RGBA(lerp(s[i].0, s[i + 1].0), lerp(s[i].1, s[i + 1].1), lerp(s[i].2, s[i + 1].2))
    }
}
