/// Line styles of matplotlib's format strings: `-`, `--`, `-.`, `:`, and none.
public enum LineStyle: Hashable, Sendable {
    case solid, dashed, dashDot, dotted, none
}

/// Markers of matplotlib's format strings.
public enum Marker: Hashable, Sendable {
    case none, point, pixel, circle, square, diamond, triangleUp, triangleDown, plus, cross, star
}

/// Axis scales.
public enum Scale: Hashable, Sendable {
    case linear, log
}

/// Where a legend goes inside its axes (`best` picks the corner covering the fewest points).
public enum LegendLocation: Hashable, Sendable {
    case best, upperRight, upperLeft, lowerLeft, lowerRight, upperCenter, lowerCenter, centerLeft, centerRight, center
}

/// One plotted series.
public struct LineSeries: Sendable, Equatable {
    public var xs: [Double]
    public var ys: [Double]
    public var color: RGBA
    public var style: LineStyle
    public var marker: Marker
    public var label: String?
    /// Line width in points (matplotlib's default 1.5).
    public var lineWidth: Double
    /// Marker size in points (matplotlib's default 6).
    public var markerSize: Double

    public init(xs: [Double], ys: [Double], color: RGBA, style: LineStyle = .solid, marker: Marker = .none,
                label: String? = nil, lineWidth: Double = 1.5, markerSize: Double = 6) {
        self.xs = xs
        self.ys = ys
        self.color = color
        self.style = style
        self.marker = marker
        self.label = label
        self.lineWidth = lineWidth
        self.markerSize = markerSize
    }
}

/// An image shown by `imshow`: scalar data through a colour map, or RGB(A) data as is.
public struct ImageLayer: Sendable, Equatable {
    public enum Pixels: Sendable, Equatable {
        /// One value per pixel, row-major.
        case scalar([Double])
        /// Three (RGB) or four (RGBA) components per pixel in 0...1, row-major.
        case color([Double], channels: Int)
    }
    public var width: Int
    public var height: Int
    public var pixels: Pixels
    public var colormap: Colormap
    public var vmin: Double?
    public var vmax: Double?

    public init(width: Int, height: Int, pixels: Pixels, colormap: Colormap = .viridis, vmin: Double? = nil, vmax: Double? = nil) {
        self.width = width
        self.height = height
        self.pixels = pixels
        self.colormap = colormap
        self.vmin = vmin
        self.vmax = vmax
    }

    /// The value range the colour map spans: the given limits or the finite data range.
    public var range: (lo: Double, hi: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        if case .scalar(let v) = pixels {
            for x in v where x.isFinite {
                lo = min(lo, x)
                hi = max(hi, x)
            }
        }
        if !lo.isFinite { lo = 0; hi = 1 }
        return (vmin ?? lo, vmax ?? hi)
    }

    /// The colour of pixel (x, y) (which must be inside the image).
    public func color(x: Int, y: Int, range: (lo: Double, hi: Double)) -> RGBA {
        let i = y * width + x
        switch pixels {
        case .scalar(let v):
            let x = v[i]
            guard x.isFinite else { return RGBA(0, 0, 0, 0) }
            let span = range.hi - range.lo
            let t = span > 0 ? (x - range.lo) / span : 0.5 * (span == 0 ? 0 : 1)
            return colormap.color(at: t)
        case .color(let v, let ch):
            let b = i * ch
            return RGBA(unit: v[b], v[b + 1], v[b + 2], ch == 4 ? v[b + 3] : 1)
        }
    }
}

/// A legend request: explicit labels (replacing the series' own) and a location.
public struct Legend: Sendable, Equatable {
    public var labels: [String]?
    public var location: LegendLocation
    public init(labels: [String]? = nil, location: LegendLocation = .best) {
        self.labels = labels
        self.location = location
    }
}

/// One plotting area of a figure, placed in a cell of the figure's subplot grid.
public struct Axes: Sendable, Equatable {
    public var lines: [LineSeries] = []
    public var images: [ImageLayer] = []
    public var title = ""
    public var xlabel = ""
    public var ylabel = ""
    public var xlim: (Double, Double)?
    public var ylim: (Double, Double)?
    public var xscale = Scale.linear
    public var yscale = Scale.linear
    public var grid = false
    public var legend: Legend?
    /// False after `axis('off')`: no frame, ticks or labels.
    public var axisOn = true
    /// Tick positions set explicitly (`set_xticks([])` hides them); nil means automatic.
    public var xticks: [Double]?
    public var yticks: [Double]?
    /// Position in the figure's grid: row and column, counted from the top left.
    public var row: Int
    public var column: Int
    public var rows: Int
    public var columns: Int

    public init(row: Int = 0, column: Int = 0, rows: Int = 1, columns: Int = 1) {
        self.row = row
        self.column = column
        self.rows = rows
        self.columns = columns
    }

    /// True when nothing but images is drawn (pixel-centred limits, inverted y).
    public var isImage: Bool { !images.isEmpty && lines.isEmpty }

    public static func == (a: Axes, b: Axes) -> Bool {
        a.lines == b.lines && a.images == b.images && a.title == b.title && a.xlabel == b.xlabel && a.ylabel == b.ylabel
            && a.xlim.map { [$0.0, $0.1] } == b.xlim.map { [$0.0, $0.1] } && a.ylim.map { [$0.0, $0.1] } == b.ylim.map { [$0.0, $0.1] }
            && a.xscale == b.xscale && a.yscale == b.yscale && a.grid == b.grid && a.legend == b.legend && a.axisOn == b.axisOn
            && a.xticks == b.xticks && a.yticks == b.yticks && a.row == b.row && a.column == b.column && a.rows == b.rows && a.columns == b.columns
    }
}

/// A colour bar for an image, drawn at the right edge of the figure.
public struct Colorbar: Sendable, Equatable {
    public var colormap: Colormap
    public var lo: Double
    public var hi: Double
    /// Fraction of the plot height the bar spans (matplotlib's `shrink`).
    public var shrink: Double
    public init(colormap: Colormap, lo: Double, hi: Double, shrink: Double = 1) {
        self.colormap = colormap
        self.lo = lo
        self.hi = hi
        self.shrink = shrink
    }
}

/// A whole figure: size, axes, optional super-title and colour bar.
public struct Figure: Sendable, Equatable {
    /// Size in inches (matplotlib's `figsize`).
    public var width: Double
    public var height: Double
    /// Pixels per inch of the PNG.
    public var dpi: Double
    public var axes: [Axes] = []
    public var suptitle = ""
    public var colorbar: Colorbar?

    public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 100) {
        self.width = width
        self.height = height
        self.dpi = dpi
    }

    /// The PNG size in pixels (at least 16×16, at most 4000×4000).
    public var pixelSize: (width: Int, height: Int) {
        func px(_ inches: Double) -> Int {
            let v = inches * dpi
            guard v.isFinite else { return 16 }
            return Int(min(4000, max(16, v.rounded())))
        }
        return (px(width), px(height))
    }
}

/// matplotlib's default colour cycle (the "tab10" palette), for series without a colour.
public let defaultColorCycle: [RGBA] = [
    RGBA(0x1f, 0x77, 0xb4), RGBA(0xff, 0x7f, 0x0e), RGBA(0x2c, 0xa0, 0x2c), RGBA(0xd6, 0x27, 0x28),
    RGBA(0x94, 0x67, 0xbd), RGBA(0x8c, 0x56, 0x4b), RGBA(0xe3, 0x77, 0xc2), RGBA(0x7f, 0x7f, 0x7f),
    RGBA(0xbc, 0xbd, 0x22), RGBA(0x17, 0xbe, 0xcf),
]
