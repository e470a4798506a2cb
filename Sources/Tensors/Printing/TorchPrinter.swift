/// PyTorch 2.x tensor `repr` / `str` (see the tensor-repr spec, §1).
public enum TorchPrinter {
    /// The full repr: `tensor(...)` with size=/dtype=/grad suffixes wrapped per §1.6; `isParameter` adds the
    /// `Parameter containing:\n` line. `gradSuffix` is e.g. "grad_fn=<MulBackward0>" or "requires_grad=True" or nil.
    ///
    /// Reads only the shown elements through `elements`, so it is instant for any tensor size.
    /// `elements` must match `dtype` (floating for float dtypes, boolean for bool, integer otherwise).
    public static func repr(shape: [Int], dtype: DType, elements: PrintElements, gradSuffix: String?,
                            isParameter: Bool, options: TorchPrintOptions = .default) -> String {
        let prefix = "tensor("
        let indent = prefix.utf8.count
        var numel = 1
        for size in shape { numel = numel.multipliedReportingOverflow(by: max(0, size)).partialValue }
        var suffixes: [String] = []
        let body: String
        if numel == 0 {
            if shape.count != 1 { suffixes.append("size=" + tupleString(shape)) }
            if dtype != .float32 { suffixes.append("dtype=torch." + dtype.name) }
            body = "[]"
        } else {
            if options.edgeitems == 0 { suffixes.append("size=" + tupleString(shape)) }
            switch dtype {
            case .float32, .int64, .bool: break
            case .float64, .int32, .int16, .int8, .uint8: suffixes.append("dtype=torch." + dtype.name)
            }
            body = self.body(shape: shape, elements: elements, indent: indent, options: options)
        }
        if let gradSuffix { suffixes.append(gradSuffix) }
        let text = addSuffixes(prefix + body, suffixes: suffixes, indent: indent, linewidth: options.linewidth)
        return isParameter ? "Parameter containing:\n" + text : text
    }

    /// The bracketed body alone (what follows `tensor(` before any suffix), for a non-empty tensor;
    /// `indent` is the column the body starts at (7 after `tensor(`).
    public static func body(shape: [Int], elements: PrintElements, indent: Int = 7,
                            options: TorchPrintOptions = .default) -> String {
        var numel = 1
        for size in shape { numel = numel.multipliedReportingOverflow(by: max(0, size)).partialValue }
        if numel == 0 { return "[]" }
        let summarize = numel > options.threshold
        let grid = PrintGrid(shape: shape, summarize: summarize, edgeitems: options.edgeitems)
        let indices = grid.flatIndices(shape: shape)
        let cells = formatCells(indices: indices, elements: elements, options: options)
        if shape.isEmpty { return cells.strings.first ?? "" }
        var out = ""
        render(dim: 0, offset: 0, indent: indent, grid: grid, cells: cells, options: options, into: &out)
        return out
    }

    // MARK: - Formatter (§1.4)

    struct Cells {
        var strings: [String]
        var width: Int
    }

    /// Renders every shown element and pads it to the formatter's global width.
    static func formatCells(indices: [Int], elements: PrintElements, options: TorchPrintOptions) -> Cells {
        var strings: [String] = []
        strings.reserveCapacity(indices.count)
        var width = 1
        switch elements {
        case .integer(let read):
            for i in indices {
                let s = String(read(i))
                width = max(width, s.utf8.count)
                strings.append(s)
            }
        case .boolean(let read):
            for i in indices {
                let s = read(i) ? "True" : "False"
                width = max(width, s.utf8.count)
                strings.append(s)
            }
        case .floating(let read):
            let values = indices.map(read)
            let precision = max(0, options.precision)
            var intMode = true
            var sciMode = false
            var amin = Double.infinity
            var amax = 0.0
            var any = false
            for v in values where v.isFinite && v != 0 {
                any = true
                if v != v.rounded(.up) { intMode = false }
                let a = abs(v)
                amin = min(amin, a)
                amax = max(amax, a)
            }
            if any {
                if intMode {
                    sciMode = amax / amin > 1000 || amax > 1e8
                } else {
                    sciMode = amax / amin > 1000 || amax > 1e8 || amin < 1e-4
                }
                for v in values where v.isFinite && v != 0 {
                    let len: Int
                    if sciMode {
                        len = CNumberFormat.scientific(v, precision: precision).utf8.count
                    } else if intMode {
                        len = CNumberFormat.fixed(v, precision: 0).utf8.count + 1
                    } else {
                        len = CNumberFormat.fixed(v, precision: precision).utf8.count
                    }
                    width = max(width, len)
                }
            }
            // A forced sci_mode changes the rendering but not the width computed above (as in PyTorch).
            if let forced = options.sciMode { sciMode = forced }
            for v in values {
                let s: String
                if sciMode {
                    s = CNumberFormat.scientific(v, precision: precision)
                } else if intMode {
                    s = v.isFinite ? CNumberFormat.fixed(v, precision: 0) + "." : CNumberFormat.fixed(v, precision: 0)
                } else {
                    s = CNumberFormat.fixed(v, precision: precision)
                }
                strings.append(s)
            }
        }
        for k in strings.indices { strings[k] = CNumberFormat.padLeft(strings[k], width) }
        return Cells(strings: strings, width: width)
    }

    // MARK: - Layout (§1.5, §1.7)

    static func render(dim: Int, offset: Int, indent: Int, grid: PrintGrid, cells: Cells,
                       options: TorchPrintOptions, into out: inout String) {
        let rank = grid.kept.count
        let count = grid.kept[dim].count
        let cut = grid.cut[dim]
        let edge = grid.edgeitems
        if dim == rank - 1 {
            var items: [String] = []
            items.reserveCapacity(count + 1)
            if cut && edge == 0 {
                items.append("...")
            } else {
                for k in 0..<count {
                    if cut && k == edge { items.append(" ...") }
                    items.append(cells.strings[offset + k])
                }
            }
            let perLine = max(1, (options.linewidth - indent) / (cells.width + 2))
            out += "["
            var start = 0
            while start < items.count {
                if start > 0 { out += ",\n" + String(repeating: " ", count: indent + 1) }
                let end = min(items.count, start + perLine)
                out += items[start..<end].joined(separator: ", ")
                start = end
            }
            out += "]"
            return
        }
        let separator = "," + String(repeating: "\n", count: rank - dim - 1) + String(repeating: " ", count: indent + 1)
        out += "["
        var first = true
        for k in 0..<count {
            if cut && k == edge {
                if !first { out += separator }
                out += "..."
                first = false
            }
            if !first { out += separator }
            render(dim: dim + 1, offset: offset + k * grid.strides[dim], indent: indent + 1, grid: grid,
                   cells: cells, options: options, into: &out)
            first = false
        }
        if cut && count == 0 { out += "..." }
        out += "]"
    }

    // MARK: - Suffixes (§1.6)

    /// Appends `, suffix` items, moving one to a new line indented by `indent` when the current
    /// line would pass `linewidth` (with PyTorch's "+2" in the running length), then `)`.
    static func addSuffixes(_ text: String, suffixes: [String], indent: Int, linewidth: Int) -> String {
        var out = text
        let utf8 = Array(text.utf8)
        let lastNewline = utf8.lastIndex(of: UInt8(ascii: "\n"))
        let lastLineLength = lastNewline.map { utf8.count - $0 - 1 } ?? utf8.count
        var current = lastLineLength + 2
        for suffix in suffixes {
            let length = suffix.utf8.count
            if current + length + 2 > linewidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                current = indent + length
            } else {
                out += ", " + suffix
                current += length + 2
            }
        }
        return out + ")"
    }

    /// Python tuple syntax for a shape: `(0, 3)`, `(5,)`, `()`.
    static func tupleString(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
