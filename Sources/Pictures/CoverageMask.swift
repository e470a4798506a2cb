/// Anti-aliased shape coverage over a clip rectangle. Shapes add coverage with `max`,
/// so a polyline's joins and a marker's overlapping strokes do not darken; the mask is
/// then blended into a raster in one colour.
struct CoverageMask {
    let clip: PixelRect
    private var cov: [Float]

    init(clip: PixelRect) {
        self.clip = clip
        cov = [Float](repeating: 0, count: max(0, clip.width) * max(0, clip.height))
    }

    private mutating func put(_ x: Int, _ y: Int, _ c: Double) {
        guard c > 0, x >= clip.x0, x < clip.x1, y >= clip.y0, y < clip.y1 else { return }
        let i = (y - clip.y0) * clip.width + (x - clip.x0)
        let f = Float(min(1, c))
        if f > cov[i] { cov[i] = f }
    }

    /// A straight stroke of half-width `hw` (pixels) between two points (pixel coordinates,
    /// where pixel (i, j) covers [i, i+1) × [j, j+1)), with round caps.
    mutating func segment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, halfWidth hw: Double) {
        guard ax.isFinite, ay.isFinite, bx.isFinite, by.isFinite else { return }
        let pad = hw + 1
        let xa = max(clip.x0, Int((min(ax, bx) - pad).rounded(.down)))
        let xb = min(clip.x1 - 1, Int((max(ax, bx) + pad).rounded(.up)))
        let ya = max(clip.y0, Int((min(ay, by) - pad).rounded(.down)))
        let yb = min(clip.y1 - 1, Int((max(ay, by) + pad).rounded(.up)))
        guard xa <= xb, ya <= yb else { return }
        let dx = bx - ax, dy = by - ay
        let len2 = dx * dx + dy * dy
        // Thin lines keep their weight by fading instead of shrinking below a pixel.
        let weight = min(1, 2 * hw)
        let reach = max(hw, 0.5)
        for y in ya...yb {
            let py = Double(y) + 0.5
            for x in xa...xb {
                let px = Double(x) + 0.5
                var t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0
                t = min(1, max(0, t))
                let qx = ax + t * dx - px, qy = ay + t * dy - py
                let d = (qx * qx + qy * qy).squareRoot()
                put(x, y, min(1, max(0, reach + 0.5 - d)) * weight)
            }
        }
    }

    /// A filled disc.
    mutating func disc(_ cx: Double, _ cy: Double, radius r: Double) {
        segment(cx, cy, cx, cy, halfWidth: r)
    }

    /// A filled convex polygon (points in either winding order).
    mutating func convexPolygon(_ pts: [(Double, Double)]) {
        guard pts.count >= 3, pts.allSatisfy({ $0.0.isFinite && $0.1.isFinite }) else { return }
        let xs = pts.map { $0.0 }, ys = pts.map { $0.1 }
        let xa = max(clip.x0, Int((xs.min()! - 1).rounded(.down)))
        let xb = min(clip.x1 - 1, Int((xs.max()! + 1).rounded(.up)))
        let ya = max(clip.y0, Int((ys.min()! - 1).rounded(.down)))
        let yb = min(clip.y1 - 1, Int((ys.max()! + 1).rounded(.up)))
        guard xa <= xb, ya <= yb else { return }
        // Signed area decides which side of each edge is inside.
        var area = 0.0
        for i in pts.indices {
            let (x0, y0) = pts[i], (x1, y1) = pts[(i + 1) % pts.count]
            area += x0 * y1 - x1 * y0
        }
        let sign: Double = area >= 0 ? 1 : -1
        var edges: [(nx: Double, ny: Double, c: Double)] = []
        for i in pts.indices {
            let (x0, y0) = pts[i], (x1, y1) = pts[(i + 1) % pts.count]
            let ex = x1 - x0, ey = y1 - y0
            let l = (ex * ex + ey * ey).squareRoot()
            guard l > 0 else { continue }
            // Outward normal; distance = n·p - c (positive outside).
            let nx = sign * ey / l, ny = -sign * ex / l
            edges.append((nx, ny, nx * x0 + ny * y0))
        }
        for y in ya...yb {
            let py = Double(y) + 0.5
            for x in xa...xb {
                let px = Double(x) + 0.5
                var d = -Double.infinity
                for e in edges { d = max(d, e.nx * px + e.ny * py - e.c) }
                put(x, y, min(1, max(0, 0.5 - d)))
            }
        }
    }

    /// Blends the mask into `raster` in colour `c`.
    func composite(into raster: inout Raster, _ c: RGBA) {
        let w = clip.width
        guard w > 0 else { return }
        for (i, f) in cov.enumerated() where f > 0 {
            raster.blend(clip.x0 + i % w, clip.y0 + i / w, c, coverage: Double(f))
        }
    }
}

/// Dash patterns as on/off lengths in multiples of the line width.
enum DashPattern {
    static func lengths(_ style: LineStyle) -> [Double]? {
        switch style {
        case .solid, .none: nil
        case .dashed: [3.7, 1.6]
        case .dashDot: [6.4, 1.6, 1.0, 1.6]
        case .dotted: [1.0, 1.65]
        }
    }
}

extension Raster {
    /// Strokes a polyline with anti-aliasing, clipped to `clip`, in `style` (dashes
    /// measured along the whole path). Non-finite points break the line, as in matplotlib.
    mutating func strokePolyline(_ pts: [(Double, Double)], color: RGBA, width: Double, style: LineStyle,
                                 clip: PixelRect) {
        guard style != .none, pts.count >= 1 else { return }
        var mask = CoverageMask(clip: clip)
        let hw = width / 2
        let pattern = DashPattern.lengths(style).map { $0.map { $0 * max(width, 1) } }
        var phase = 0.0  // distance along the current dash pattern
        var index = 0  // which entry of the pattern is active
        for k in 0..<(pts.count - 1) {
            let (ax, ay) = pts[k], (bx, by) = pts[k + 1]
            guard ax.isFinite, ay.isFinite, bx.isFinite, by.isFinite else { continue }
            guard let pattern else {
                mask.segment(ax, ay, bx, by, halfWidth: hw)
                continue
            }
            let dx = bx - ax, dy = by - ay
            let len = (dx * dx + dy * dy).squareRoot()
            var t = 0.0
            while t < len {
                let remaining = pattern[index] - phase
                let step = min(remaining, len - t)
                if index % 2 == 0 {
                    let s0 = t / len, s1 = (t + step) / len
                    mask.segment(ax + dx * s0, ay + dy * s0, ax + dx * s1, ay + dy * s1, halfWidth: hw)
                }
                t += step
                phase += step
                if phase >= pattern[index] - 1e-9 {
                    phase = 0
                    index = (index + 1) % pattern.count
                }
            }
        }
        if pts.count == 1, style == .solid { mask.disc(pts[0].0, pts[0].1, radius: hw) }
        mask.composite(into: &self, color)
    }

    /// Draws a marker of diameter `size` (pixels) centred at (x, y).
    mutating func drawMarker(_ marker: Marker, x: Double, y: Double, size: Double, color: RGBA, clip: PixelRect) {
        let r = size / 2
        guard x.isFinite, y.isFinite, r.isFinite else { return }
        // The mask covers only the marker's neighbourhood.
        let reach = Int(r.rounded(.up)) + 2
        let local = PixelRect(x0: max(clip.x0, Int(x) - reach), y0: max(clip.y0, Int(y) - reach),
                              x1: min(clip.x1, Int(x) + reach + 1), y1: min(clip.y1, Int(y) + reach + 1))
        guard local.x0 < local.x1, local.y0 < local.y1 else { return }
        var mask = CoverageMask(clip: local)
        switch marker {
        case .none: return
        case .point: mask.disc(x, y, radius: max(1, r * 0.5))
        case .pixel: mask.disc(x, y, radius: 0.5)
        case .circle: mask.disc(x, y, radius: r)
        case .square: mask.convexPolygon([(x - r * 0.9, y - r * 0.9), (x + r * 0.9, y - r * 0.9), (x + r * 0.9, y + r * 0.9), (x - r * 0.9, y + r * 0.9)])
        case .diamond: mask.convexPolygon([(x, y - r), (x + r * 0.7, y), (x, y + r), (x - r * 0.7, y)])
        case .triangleUp: mask.convexPolygon([(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)])
        case .triangleDown: mask.convexPolygon([(x, y + r), (x + r, y - r * 0.8), (x - r, y - r * 0.8)])
        case .plus:
            mask.segment(x - r, y, x + r, y, halfWidth: 0.75)
            mask.segment(x, y - r, x, y + r, halfWidth: 0.75)
        case .cross:
            let d = r * 0.8
            mask.segment(x - d, y - d, x + d, y + d, halfWidth: 0.75)
            mask.segment(x - d, y + d, x + d, y - d, halfWidth: 0.75)
        case .star:
            mask.segment(x - r, y, x + r, y, halfWidth: 0.6)
            mask.segment(x, y - r, x, y + r, halfWidth: 0.6)
            let d = r * 0.7
            mask.segment(x - d, y - d, x + d, y + d, halfWidth: 0.6)
            mask.segment(x - d, y + d, x + d, y - d, halfWidth: 0.6)
        }
        mask.composite(into: &self, color)
    }
}
