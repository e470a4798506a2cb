#if canImport(Pictures)
import Pictures
import Tensors

/// Conversions from Python values to plot data, with matplotlib's error messages where
/// users hit them.
extension Interpreter {
    /// Plot data as columns: a 1-D sequence is one column; a 2-D tensor or a list of
    /// equal-length rows gives one column per column (matplotlib's convention).
    func plotColumns(_ v: Value, what: String = "x") throws -> [[Double]] {
        switch v {
        case .tensor(let t):
            switch t.rank {
            case 0: return [t.toDoubles()]
            case 1: return [t.toDoubles()]
            case 2:
                let (r, c) = (t.shape[0], t.shape[1])
                let flat = t.toDoubles()
                return (0..<c).map { j in (0..<r).map { flat[$0 * c + j] } }
            default:
                throw valueError("\(what) and y can be no greater than 2D, but have shapes \(shapeText(t.shape))")
            }
        case .int, .float, .bool:
            return [[try toDouble(v)]]
        default:
            let items = try iterateAll(v)
            if items.isEmpty { return [[]] }
            if items.allSatisfy({ isScalarLike($0) }) { return [try items.map { try plotNumber($0) }] }
            let rows = try items.map { row -> [Double] in
                if isScalarLike(row) { return [try plotNumber(row)] }
                return try iterateAll(row).map { try plotNumber($0) }
            }
            let c = rows[0].count
            guard rows.allSatisfy({ $0.count == c }) else {
                throw valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.")
            }
            return (0..<c).map { j in rows.map { $0[j] } }
        }
    }

    /// A 1-D sequence of numbers (a tensor of any shape is flattened).
    func plotVector(_ v: Value) throws -> [Double] {
        if case .tensor(let t) = v { return t.toDoubles() }
        if isScalarLike(v) { return [try plotNumber(v)] }
        return try iterateAll(v).map { try plotNumber($0) }
    }

    func isScalarLike(_ v: Value) -> Bool {
        switch v {
        case .int, .float, .bool: true
        case .tensor(let t): t.rank == 0
        default: false
        }
    }

    func plotNumber(_ v: Value) throws -> Double {
        switch v {
        case .int, .float, .bool: return try toDouble(v)
        case .tensor(let t) where t.count == 1: return t.toDoubles()[0]
        case .none: return .nan
        default: throw typeError("float() argument must be a string or a real number, not '\(typeName(v))'")
        }
    }

    func shapeText(_ s: [Int]) -> String {
        s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")"
    }

    /// Image data for `imshow`: 2-D values through a colour map, or H×W×3/4 colours.
    func imageLayer(_ v: Value, cmap: Colormap?, vmin: Double?, vmax: Double?) throws -> ImageLayer {
        var shape: [Int], values: [Double], integer = false
        switch v {
        case .tensor(let t):
            shape = t.shape
            values = t.toDoubles()
            integer = !t.dtype.isFloatingPoint
        default:
            let rows = try iterateAll(v)
            var flat: [Double] = []
            var inner: [Int]? = nil
            for r in rows {
                if case .tensor(let t) = r {
                    if inner == nil { inner = t.shape }
                    guard inner! == t.shape else { throw valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.") }
                    flat += t.toDoubles()
                    continue
                }
                let items = try iterateAll(r)
                var row: [Double] = []
                var depth = [items.count]
                for x in items {
                    if isScalarLike(x) {
                        row.append(try plotNumber(x))
                    } else {
                        let px = try iterateAll(x).map { try plotNumber($0) }
                        if depth.count == 1 { depth.append(px.count) }
                        row += px
                    }
                }
                if inner == nil { inner = depth }
                guard inner! == depth else { throw valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.") }
                flat += row
            }
            shape = [rows.count] + (inner ?? [0])
            values = flat
        }
        let invalid = makeError("TypeError", "Invalid shape \(shapeText(shape)) for image data")
        if shape.count == 2 {
            guard shape[0] > 0, shape[1] > 0 else { throw invalid }
            return ImageLayer(width: shape[1], height: shape[0], pixels: .scalar(values), colormap: cmap ?? .viridis, vmin: vmin, vmax: vmax)
        }
        if shape.count == 3, shape[2] == 3 || shape[2] == 4, shape[0] > 0, shape[1] > 0 {
            let scaled = integer ? values.map { $0 / 255 } : values.map { min(1, max(0, $0)) }
            return ImageLayer(width: shape[1], height: shape[0], pixels: .color(scaled, channels: shape[2]))
        }
        throw invalid
    }

    /// A colour map argument: a name, or None for the default.
    func colormapArgument(_ v: Value?) throws -> Colormap? {
        guard let v, !v.isNone else { return nil }
        let name = try toStr(v, "cmap")
        guard let m = Colormap.named(name) else {
            throw valueError("'\(name)' is not a valid value for cmap; supported values are \(Colormap.knownNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return m
    }

    /// A matplotlib colour: a name, a one-letter code, `C0`...`C9`, `#rrggbb`, a grey level
    /// string like `'0.5'`, or an (r, g, b[, a]) tuple of floats.
    func colorArgument(_ v: Value) throws -> RGBA {
        if case .str(let s) = v {
            if let c = PlotColors.named(s) { return c }
            throw valueError("'\(s)' is not a valid color value.")
        }
        let parts = try iterateAll(v).map { try toDouble($0) }
        guard parts.count == 3 || parts.count == 4, parts.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw valueError("\(try repr(v)) is not a valid color value.")
        }
        return RGBA(unit: parts[0], parts[1], parts[2], parts.count == 4 ? parts[3] : 1)
    }
}

/// Named colours and format strings.
enum PlotColors {
    static func named(_ s: String) -> RGBA? {
        if let c = RGBA(hex: s) { return c }
        if s.count == 2, s.first == "C", let d = Int(String(s.last!)) { return defaultColorCycle[d] }
        if let g = Double(s), g >= 0, g <= 1 { return RGBA(unit: g, g, g) }
        var name = s.lowercased()
        if name.hasPrefix("tab:") { name.removeFirst(4) }
        switch name {
        case "b": return RGBA(0, 0, 255)
        case "g": return RGBA(0, 128, 0)
        case "r": return RGBA(255, 0, 0)
        case "c": return RGBA(0, 191, 191)
        case "m": return RGBA(191, 0, 191)
        case "y": return RGBA(191, 191, 0)
        case "k", "black": return .black
        case "w", "white": return .white
        case "blue": return s.hasPrefix("tab:") ? defaultColorCycle[0] : RGBA(0, 0, 255)
        case "orange": return s.hasPrefix("tab:") ? defaultColorCycle[1] : RGBA(255, 165, 0)
        case "green": return s.hasPrefix("tab:") ? defaultColorCycle[2] : RGBA(0, 128, 0)
        case "red": return s.hasPrefix("tab:") ? defaultColorCycle[3] : RGBA(255, 0, 0)
        case "purple": return s.hasPrefix("tab:") ? defaultColorCycle[4] : RGBA(128, 0, 128)
        case "brown": return s.hasPrefix("tab:") ? defaultColorCycle[5] : RGBA(165, 42, 42)
        case "pink": return s.hasPrefix("tab:") ? defaultColorCycle[6] : RGBA(255, 192, 203)
        case "gray", "grey": return s.hasPrefix("tab:") ? defaultColorCycle[7] : RGBA(128, 128, 128)
        case "olive": return s.hasPrefix("tab:") ? defaultColorCycle[8] : RGBA(128, 128, 0)
        case "cyan": return s.hasPrefix("tab:") ? defaultColorCycle[9] : RGBA(0, 255, 255)
        case "magenta": return RGBA(255, 0, 255)
        case "yellow": return RGBA(255, 255, 0)
        case "navy": return RGBA(0, 0, 128)
        case "teal": return RGBA(0, 128, 128)
        case "lightgray", "lightgrey": return RGBA(211, 211, 211)
        case "darkgray", "darkgrey": return RGBA(169, 169, 169)
        default: return nil
        }
    }

    struct FormatError: Error {
        let message: String
    }

    /// A parsed format string (`'r--'`, `'o'`, `'g-.'`, `'C1:'`).
    struct Format {
        var color: RGBA?
        var marker: Marker?
        var style: LineStyle?
    }

    /// Parses a format string; nil when it is not one (matplotlib then reports the
    /// offending character).
    static func parseFormat(_ fmt: String) -> Result<Format, FormatError> {
        var f = Format()
        let chars = Array(fmt)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "-" && next == "-" {
                f.style = .dashed
                i += 2
                continue
            }
            if c == "-" && next == "." {
                f.style = .dashDot
                i += 2
                continue
            }
            if c == "-" { f.style = .solid; i += 1; continue }
            if c == ":" { f.style = .dotted; i += 1; continue }
            if c == "C", let n = next, let d = n.wholeNumberValue {
                f.color = defaultColorCycle[d]
                i += 2
                continue
            }
            if "bgrcmykw".contains(c), let col = named(String(c)) {
                if f.color != nil { return .failure(FormatError(message: "Illegal format string \"\(fmt)\"; two color symbols")) }
                f.color = col
                i += 1
                continue
            }
            let m: Marker? = switch c {
            case ".": .point
            case ",": .pixel
            case "o": .circle
            case "s": .square
            case "D", "d": .diamond
            case "^": .triangleUp
            case "v": .triangleDown
            case "+": .plus
            case "x", "X": .cross
            case "*": .star
            default: nil
            }
            if let m {
                if f.marker != nil { return .failure(FormatError(message: "Illegal format string \"\(fmt)\"; two marker symbols")) }
                f.marker = m
                i += 1
                continue
            }
            return .failure(FormatError(message: "Unrecognized character \(c) in format string '\(fmt)'"))
        }
        return .success(f)
    }

    static func marker(_ s: String) -> Marker? {
        if s.isEmpty || s == "None" || s == "none" || s == " " { return Marker.none }
        guard case .success(let f) = parseFormat(s), let m = f.marker, f.color == nil, f.style == nil else { return nil }
        return m
    }

    static func lineStyle(_ s: String) -> LineStyle? {
        switch s {
        case "-", "solid": .solid
        case "--", "dashed": .dashed
        case "-.", "dashdot": .dashDot
        case ":", "dotted": .dotted
        case "", " ", "None", "none": LineStyle.none
        default: nil
        }
    }
}
#endif
