/// An RGBA pixel canvas, row-major, 4 bytes per pixel, origin at the top left.
public struct Raster: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: r, g, b, a.
    public var pixels: [UInt8]

    /// A canvas filled with `background`. Sizes are clamped to at least 1×1.
    public init(width: Int, height: Int, background: RGBA = .white) {
        self.width = max(1, width)
        self.height = max(1, height)
        if background == .white {
            pixels = [UInt8](repeating: 255, count: self.width * self.height * 4)
            return
        }
        var px = [UInt8](repeating: 0, count: self.width * self.height * 4)
        px.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                p[i] = background.r
                p[i + 1] = background.g
                p[i + 2] = background.b
                p[i + 3] = background.a
                i += 4
            }
        }
        pixels = px
    }

    /// A canvas over existing RGBA bytes; nil when the byte count does not match.
    public init?(width: Int, height: Int, rgba: [UInt8]) {
        guard width > 0, height > 0, rgba.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        pixels = rgba
    }

    /// The pixel at (x, y); transparent black outside the canvas.
    public func pixel(_ x: Int, _ y: Int) -> RGBA {
        guard x >= 0, y >= 0, x < width, y < height else { return RGBA(0, 0, 0, 0) }
        let i = (y * width + x) * 4
        return RGBA(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }

    /// Sets a pixel (no blending); ignored outside the canvas.
    public mutating func set(_ x: Int, _ y: Int, _ c: RGBA) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 4
        pixels[i] = c.r
        pixels[i + 1] = c.g
        pixels[i + 2] = c.b
        pixels[i + 3] = c.a
    }

    /// Blends `c` over the pixel with coverage `cov` (0...1); ignored outside the canvas.
    public mutating func blend(_ x: Int, _ y: Int, _ c: RGBA, coverage cov: Double = 1) {
        guard x >= 0, y >= 0, x < width, y < height, cov > 0 else { return }
        let alpha = min(1, cov) * Double(c.a) / 255
        if alpha <= 0 { return }
        let i = (y * width + x) * 4
        pixels.withUnsafeMutableBufferPointer { p in
            let da = Double(p[i + 3]) / 255
            let oa = alpha + da * (1 - alpha)
            guard oa > 0 else { return }
            func mix(_ s: UInt8, _ d: UInt8) -> UInt8 {
                let v = (Double(s) * alpha + Double(d) * da * (1 - alpha)) / oa
                return UInt8(min(255, max(0, v.rounded())))
            }
            p[i] = mix(c.r, p[i])
            p[i + 1] = mix(c.g, p[i + 1])
            p[i + 2] = mix(c.b, p[i + 2])
            p[i + 3] = UInt8(min(255, (oa * 255).rounded()))
        }
    }

    /// Fills the rectangle [x0, x1) × [y0, y1), clipped to the canvas, blending `c`.
    public mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, _ c: RGBA) {
        let xa = max(0, x0), xb = min(width, x1), ya = max(0, y0), yb = min(height, y1)
        guard xa < xb, ya < yb else { return }
        for y in ya..<yb {
            for x in xa..<xb { blend(x, y, c) }
        }
    }

    /// Horizontal and vertical one-pixel lines (crisp, for spines, ticks and frames).
    public mutating func hline(x0: Int, x1: Int, y: Int, _ c: RGBA) { fill(x0: x0, y0: y, x1: x1 + 1, y1: y + 1, c) }
    public mutating func vline(x: Int, y0: Int, y1: Int, _ c: RGBA) { fill(x0: x, y0: y0, x1: x + 1, y1: y1 + 1, c) }

    /// Draws a rectangle outline with one-pixel lines.
    public mutating func frame(x0: Int, y0: Int, x1: Int, y1: Int, _ c: RGBA) {
        hline(x0: x0, x1: x1, y: y0, c)
        hline(x0: x0, x1: x1, y: y1, c)
        vline(x: x0, y0: y0 + 1, y1: y1 - 1, c)
        vline(x: x1, y0: y0 + 1, y1: y1 - 1, c)
    }
}

/// A pixel rectangle with integer bounds, used for clipping.
public struct PixelRect: Equatable, Sendable {
    public var x0: Int, y0: Int, x1: Int, y1: Int
    public init(x0: Int, y0: Int, x1: Int, y1: Int) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }
    public var width: Int { x1 - x0 }
    public var height: Int { y1 - y0 }
}
