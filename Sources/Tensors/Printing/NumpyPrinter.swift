/// numpy 1.13 `str(array)` and the MXNet 1.x `NDArray` repr built on it (tensor-repr spec, §3).
public enum NumpyPrinter {
    /// numpy 1.13 `str(array)` body (§3.3) for MXNet; float comparisons in Float.
    ///
    /// Float values are float32 converted to `Double`; the exponential-mode tests run in `Float`
    /// as numpy does on float32 data. Pass `float64: true` for a float64 array (tests in `Double`).
    /// Reads only the shown elements (summarization above 1000 elements, 3 edge items).
    public static func body113(shape: [Int], elements: PrintElements, float64: Bool = false) -> String {
        var numel = 1
        for size in shape { numel = numel.multipliedReportingOverflow(by: max(0, size)).partialValue }
        if numel == 0 { return "[]" }
        let summarize = numel > threshold
        let grid = PrintGrid(shape: shape, summarize: summarize, edgeitems: edgeItems)
        let indices = grid.flatIndices(shape: shape)
        let words = formatWords(indices: indices, elements: elements, float64: float64)
        if shape.isEmpty { return words.first ?? "" }
        let text = formatArray(dim: 0, offset: 0, prefix: " ", grid: grid, words: words)
        // numpy drops the trailing newline of the recursive result.
        return String(text.dropLast())
    }

    /// MXNet NDArray repr: "\n" + body + "\n<NDArray 2x2 @cpu(0)>"
    public static func ndarrayRepr(shape: [Int], elements: PrintElements, float64: Bool = false) -> String {
        let dims = shape.map(String.init).joined(separator: "x")
        return "\n" + body113(shape: shape, elements: elements, float64: float64) + "\n<NDArray " + dims + " @cpu(0)>"
    }

    static let threshold = 1000
    static let edgeItems = 3
    static let lineWidth = 75
    static let precision = 8

    // MARK: - Element formatting (numpy 1.13 FloatFormat / IntegerFormat / bool)

    static func formatWords(indices: [Int], elements: PrintElements, float64: Bool) -> [String] {
        switch elements {
        case .boolean(let read):
            return indices.map { read($0) ? " True" : "False" }
        case .integer(let read):
            let values = indices.map(read)
            guard let maxV = values.max(), let minV = values.min() else { return [] }
            let width = max(String(maxV).utf8.count, String(minV).utf8.count)
            return values.map { CNumberFormat.padLeft(String($0), width) }
        case .floating(let read):
            let values = indices.map(read)
            return float64 ? formatFloats(values, as: Double.self) : formatFloats(values, as: Float.self)
        }
    }

    /// The 1.13 float rules; `T` is the array's element type, in which the mode tests are done.
    static func formatFloats<T: BinaryFloatingPoint>(_ values: [Double], as: T.Type) -> [String] {
        var maxV: T = 0
        var minV: T = 0
        var nonZero: [Double] = []
        var special = false
        for v in values {
            if !v.isFinite { special = true; continue }
            if v == 0 { continue }
            let a = T(abs(v))
            if nonZero.isEmpty { maxV = a; minV = a } else { maxV = max(maxV, a); minV = min(minV, a) }
            nonZero.append(abs(v))
        }
        var expFormat = false
        if !nonZero.isEmpty {
            if maxV >= T(1e8) { expFormat = true }
            if minV < T(0.0001) || maxV / minV > T(1000) { expFormat = true }
        }
        if expFormat {
            let largeExponent = (minV > 0 && minV < T(1e-99)) || maxV >= T(1e100)
            let width = 8 + precision + (largeExponent ? 1 : 0)
            return values.map { v in
                if let s = CNumberFormat.nonFinite(v) { return CNumberFormat.padLeft(s, width) }
                var s = Array(CNumberFormat.format("%\(width).\(precision)e", v).utf8)
                if largeExponent {
                    // Widen a 2-digit exponent to 3 digits, keeping the width.
                    let sign = s[s.count - 3]
                    if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                        s = Array(s[1..<(s.count - 2)]) + [UInt8(ascii: "0")] + Array(s[(s.count - 2)...])
                    }
                } else if s[s.count - 3] == UInt8(ascii: "0") {
                    // A 3-digit exponent with a leading zero is shortened to 2 digits.
                    s = [UInt8(ascii: " ")] + Array(s[0..<(s.count - 3)]) + Array(s[(s.count - 2)...])
                }
                return String(decoding: s, as: UTF8.self)
            }
        }
        var digits = 0
        for v in nonZero {
            let s = CNumberFormat.format("%.\(precision)f", v)
            var trailing = 0
            for c in s.utf8.reversed() { if c == UInt8(ascii: "0") { trailing += 1 } else { break } }
            digits = max(digits, precision - trailing)
        }
        digits = min(precision, digits)
        let integerPart: String
        if maxV < T(1e18) {
            integerPart = String(Int64(Double(maxV)))
        } else {
            integerPart = CNumberFormat.format("%.0f", Double(maxV).rounded(.towardZero))
        }
        var width = integerPart.utf8.count + digits + 2
        if special { width = max(width, 3, 4) }
        return values.map { v in
            if let s = CNumberFormat.nonFinite(v) { return CNumberFormat.padLeft(s, width) }
            let s = CNumberFormat.format("%#\(width).\(digits)f", v)
            var bytes = Array(s.utf8)
            var k = bytes.count - 1
            while k >= 0 && bytes[k] == UInt8(ascii: "0") { bytes[k] = UInt8(ascii: " "); k -= 1 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    // MARK: - Layout (numpy 1.13 _formatArray)

    /// The recursive 1.13 layout; the result ends with "]\n" like numpy's.
    static func formatArray(dim: Int, offset: Int, prefix: String, grid: PrintGrid, words: [String]) -> String {
        let rank = grid.kept.count
        let count = grid.kept[dim].count
        let cut = grid.cut[dim]
        let edge = grid.edgeitems
        if dim == rank - 1 {
            var s = ""
            var line = prefix
            for k in 0..<count {
                if cut && k == edge { extendLine(&s, &line, "..., ", prefix: prefix) }
                let word = k == count - 1 ? words[offset + k] : words[offset + k] + " "
                extendLine(&s, &line, word, prefix: prefix)
            }
            s += line + "]\n"
            return "[" + String(s.dropFirst(prefix.count))
        }
        var s = "["
        let newlines = String(repeating: "\n", count: max(rank - dim - 1, 1))
        for k in 0..<count {
            if cut && k == edge { s += prefix + "..., " + "\n" }
            if k > 0 { s += prefix }
            let sub = formatArray(dim: dim + 1, offset: offset + k * grid.strides[dim], prefix: " " + prefix,
                                  grid: grid, words: words)
            if k == count - 1 {
                s += rstrip(sub) + "]\n"
            } else {
                s = rstrip(s + sub) + newlines
            }
        }
        return s
    }

    /// numpy 1.13 `_extendLine`: wrap when the stripped line plus the stripped word reach the width.
    static func extendLine(_ s: inout String, _ line: inout String, _ word: String, prefix: String) {
        if rstrip(line).utf8.count + rstrip(word).utf8.count >= lineWidth {
            s += rstrip(line) + "\n"
            line = prefix
        }
        line += word
    }

    /// Python `str.rstrip()` for ASCII whitespace.
    static func rstrip(_ s: String) -> String {
        var bytes = Array(s.utf8)
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\n") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
