/// An 8-bit sRGB colour with straight (not premultiplied) alpha.
public struct RGBA: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public var a: UInt8

    /// A colour from its components (alpha defaults to opaque).
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) {
        self.r = r
        self.g = g
        self.b = b
        self.a = a
    }

    /// A colour from components in 0...1 (clamped; NaN reads as 0).
    public init(unit r: Double, _ g: Double, _ b: Double, _ a: Double = 1) {
        self.init(RGBA.byte(r), RGBA.byte(g), RGBA.byte(b), RGBA.byte(a))
    }

    /// `#rrggbb` or `#rrggbbaa`; nil for anything else.
    public init?(hex: String) {
        var s = Substring(hex)
        guard s.first == "#" else { return nil }
        s = s.dropFirst()
        guard s.count == 6 || s.count == 8, let v = UInt32(s, radix: 16) else { return nil }
        if s.count == 6 {
            self.init(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
        } else {
            self.init(UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
        }
    }

    static func byte(_ x: Double) -> UInt8 {
        guard x > 0 else { return 0 }
        if x >= 1 { return 255 }
        return UInt8((x * 255).rounded())
    }

    public static let white = RGBA(255, 255, 255)
    public static let black = RGBA(0, 0, 0)

    /// The same colour with alpha scaled by `f` (0...1).
    public func fading(_ f: Double) -> RGBA {
        RGBA(r, g, b, RGBA.byte(Double(a) / 255 * f))
    }

    /// Relative luminance in 0...1 (Rec. 709 weights on the stored values).
    public var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }
}
