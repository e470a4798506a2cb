/// Python's format-spec mini-language: `format(value, spec)`, `f'{value:spec}'`, `str.format`.
extension PyFormat {
    /// Python's format spec mini-language for int/float/str: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
    /// types for float: e E f F g G n % and none (none = like repr but honouring precision like 'g' with at least one digit after point semantics of Python); for int: b c d o x X n e f g %; for str: s.
    /// Throws PyFormatError(message) with Python's wording, e.g. "Unknown format code 'd' for object of type 'float'".
    public static func format(_ value: PyFormatValue, spec: String) throws(PyFormatError) -> String {
        if spec.isEmpty {
            switch value {
            case .int(let n): return String(n)
            case .bigInt(let digits): return digits
            case .float(let x): return floatRepr(x)
            case .string(let s): return s
            case .bool(let b): return b ? "True" : "False"
            }
        }
        let typeName = value.typeName
        let isString: Bool
        if case .string = value { isString = true } else { isString = false }
        let parsed = try FormatSpec(spec, typeName: typeName, defaultAlign: isString ? "<" : ">",
                                    defaultType: isString ? "s" : nil)
        switch value {
        case .string(let s):
            return try formatString(s, parsed)
        case .int(let n):
            return try formatInteger(PyIntegerDigits(n), parsed, typeName: typeName)
        case .bigInt(let digits):
            return try formatInteger(PyIntegerDigits(decimal: digits), parsed, typeName: typeName)
        case .bool(let b):
            return try formatInteger(PyIntegerDigits(b ? 1 : 0), parsed, typeName: typeName)
        case .float(let x):
            return try formatFloat(x, parsed, typeName: typeName)
        }
    }

    // MARK: - Spec parsing

    /// A parsed format spec (CPython's InternalFormatSpec).
    struct FormatSpec {
        var fill: Unicode.Scalar = " "
        var align: Unicode.Scalar
        var sign: Unicode.Scalar? = nil
        var noNegativeZero = false
        var alternate = false
        var width: Int? = nil
        /// Grouping separator and group size: `,` (3), `_` (3, or 4 for b/o/x/X).
        var separator: Unicode.Scalar? = nil
        var groupSize = 3
        var precision: Int? = nil
        var type: Unicode.Scalar? = nil

        /// `defaultType` is the type assumed when the spec has none, for the grouping check
        /// (CPython passes 's' for str; ints are checked as 'd' by allowing no type).
        init(_ spec: String, typeName: String, defaultAlign: Unicode.Scalar,
             defaultType: Unicode.Scalar?) throws(PyFormatError) {
            align = defaultAlign
            type = defaultType
            let s = Array(spec.unicodeScalars)
            var pos = 0
            let end = s.count
            func isAlign(_ c: Unicode.Scalar) -> Bool { c == "<" || c == ">" || c == "=" || c == "^" }
            var fillSpecified = false
            var alignSpecified = false
            if end - pos >= 2 && isAlign(s[pos + 1]) {
                align = s[pos + 1]
                fill = s[pos]
                fillSpecified = true
                alignSpecified = true
                pos += 2
            } else if end - pos >= 1 && isAlign(s[pos]) {
                align = s[pos]
                alignSpecified = true
                pos += 1
            }
            if pos < end && (s[pos] == "+" || s[pos] == "-" || s[pos] == " ") {
                sign = s[pos]
                pos += 1
            }
            if pos < end && s[pos] == "z" { noNegativeZero = true; pos += 1 }
            if pos < end && s[pos] == "#" { alternate = true; pos += 1 }
            if !fillSpecified && pos < end && s[pos] == "0" {
                fill = "0"
                if !alignSpecified && defaultAlign == ">" { align = "=" }
                pos += 1
            }
            width = try Self.integer(s, &pos)
            if pos < end && s[pos] == "," { separator = ","; pos += 1 }
            if pos < end && s[pos] == "_" {
                if separator != nil { throw PyFormatError(.valueError, "Cannot specify both ',' and '_'.") }
                separator = "_"
                pos += 1
            }
            if pos < end && s[pos] == "," && separator == "_" {
                throw PyFormatError(.valueError, "Cannot specify both ',' and '_'.")
            }
            if pos < end && s[pos] == "." {
                pos += 1
                guard let p = try Self.integer(s, &pos) else {
                    throw PyFormatError(.valueError, "Format specifier missing precision")
                }
                precision = p
            }
            try PyFormatError.checkFieldSize(width)
            try PyFormatError.checkFieldSize(precision)
            if end - pos > 1 {
                throw PyFormatError(.valueError, "Invalid format specifier '\(spec)' for object of type '\(typeName)'")
            }
            if end - pos == 1 { type = s[pos] }
            if let separator {
                switch type {
                case "d", "e", "f", "g", "E", "G", "%", "F", nil:
                    break
                case "b" where separator == "_", "o" where separator == "_", "x" where separator == "_",
                     "X" where separator == "_":
                    groupSize = 4
                default:
                    let t = type ?? " "
                    let shown = t.value > 32 && t.value < 128 ? String(Character(t)) : "\\x" + String(t.value, radix: 16)
                    throw PyFormatError(.valueError, "Cannot specify '\(Character(separator))' with '\(shown)'.")
                }
            }
        }

        /// CPython's get_integer: a run of decimal digits, nil when there is none.
        static func integer(_ s: [Unicode.Scalar], _ pos: inout Int) throws(PyFormatError) -> Int? {
            var value = 0
            var consumed = 0
            while pos < s.count, let digit = s[pos].properties.numericType == .decimal ? Int(String(s[pos])) : nil {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times.addingReportingOverflow(digit)
                if o1 || o2 { throw PyFormatError(.valueError, "Too many decimal digits in format string") }
                value = next
                pos += 1
                consumed += 1
            }
            return consumed == 0 ? nil : value
        }
    }

    static func unknownCode(_ type: Unicode.Scalar, _ typeName: String) -> PyFormatError {
        let shown = type.value > 32 && type.value < 128 ? String(Character(type)) : "\\x" + String(type.value, radix: 16)
        return PyFormatError(.valueError, "Unknown format code '\(shown)' for object of type '\(typeName)'")
    }

    // MARK: - str

    static func formatString(_ s: String, _ spec: FormatSpec) throws(PyFormatError) -> String {
        if let type = spec.type, type != "s" { throw unknownCode(type, "str") }
        if let sign = spec.sign {
            throw PyFormatError(.valueError, sign == " " ? "Space not allowed in string format specifier"
                                                          : "Sign not allowed in string format specifier")
        }
        if spec.noNegativeZero {
            throw PyFormatError(.valueError, "Negative zero coercion (z) not allowed in string format specifier")
        }
        if spec.alternate {
            throw PyFormatError(.valueError, "Alternate form (#) not allowed in string format specifier")
        }
        if spec.align == "=" {
            throw PyFormatError(.valueError, "'=' alignment not allowed in string format specifier")
        }
        var scalars = Array(s.unicodeScalars)
        if let precision = spec.precision, scalars.count > precision { scalars = Array(scalars[0..<precision]) }
        var body = String.UnicodeScalarView()
        body.append(contentsOf: scalars)
        return pad(String(body), length: scalars.count, spec)
    }

    /// Pads `text` (of `length` scalars) to the spec's width with its fill and alignment.
    static func pad(_ text: String, length: Int, _ spec: FormatSpec) -> String {
        guard let width = spec.width, width > length else { return text }
        let total = width - length
        let fill = String(Character(spec.fill))
        let left: Int
        switch spec.align {
        case "<": left = 0
        case "^": left = total / 2
        default: left = total
        }
        return String(repeating: fill, count: left) + text + String(repeating: fill, count: total - left)
    }

    // MARK: - Number assembly (calc_number_widths / fill_number)

    /// Lays out `[sign][prefix][digits][remainder]` with grouping, zero padding and alignment.
    /// `digits` is the leading run of decimal digits to group; `remainder` is everything after
    /// it (decimal point, fraction, exponent, `%`, or `inf`/`nan`, or the character for 'c').
    static func assembleNumber(negative: Bool, prefix: [UInt8], digits: [UInt8], remainder: [UInt8],
                               spec: FormatSpec, separator: Unicode.Scalar?, groupSize: Int,
                               uppercase: Bool = false) -> String {
        var signChar: UInt8? = nil
        switch spec.sign {
        case "+": signChar = negative ? UInt8(ascii: "-") : UInt8(ascii: "+")
        case " ": signChar = negative ? UInt8(ascii: "-") : UInt8(ascii: " ")
        default: if negative { signChar = UInt8(ascii: "-") }
        }
        let nonDigit = (signChar == nil ? 0 : 1) + prefix.count + remainder.count
        let minWidth = (spec.fill == "0" && spec.align == "=") ? (spec.width ?? -1) - nonDigit : 0
        let grouped: [UInt8] = digits.isEmpty ? [] : groupDigits(digits, minWidth: minWidth, separator: separator,
                                                                 groupSize: groupSize)
        var core: [UInt8] = []
        if let signChar { core.append(signChar) }
        core.append(contentsOf: uppercase ? prefix.map { $0 == UInt8(ascii: "x") ? UInt8(ascii: "X") : $0 } : prefix)
        let coreHead = core
        core = []
        core.append(contentsOf: grouped)
        core.append(contentsOf: remainder)
        let used = coreHead.count + core.count
        var padding = (spec.width ?? -1) - used
        if padding < 0 { padding = 0 }
        let fill = String(Character(spec.fill))
        let head = String(decoding: coreHead, as: UTF8.self)
        let tail = String(decoding: core, as: UTF8.self)
        switch spec.align {
        case "<": return head + tail + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + head + tail + String(repeating: fill, count: padding - left)
        case "=": return head + String(repeating: fill, count: padding) + tail
        default: return String(repeating: fill, count: padding) + head + tail
        }
    }

    /// CPython's _PyUnicode_InsertThousandsGrouping, including zero-filling up to `minWidth`.
    static func groupDigits(_ digits: [UInt8], minWidth: Int, separator: Unicode.Scalar?, groupSize: Int) -> [UInt8] {
        let sepBytes: [UInt8] = separator.map { Array(String(Character($0)).utf8) } ?? []
        var remaining = digits.count
        var minWidth = minWidth
        var chunks: [[UInt8]] = []  // right to left
        var broke = false
        func chunk(_ l: Int) -> [UInt8] {
            let zeros = max(0, l - remaining)
            let chars = max(0, min(remaining, l))
            return [UInt8](repeating: UInt8(ascii: "0"), count: zeros) + digits[(remaining - chars)..<remaining]
        }
        if separator != nil {
            while true {
                let l = min(groupSize, max(max(remaining, minWidth), 1))
                let piece = chunk(l)
                chunks.append(piece)
                remaining -= max(0, min(remaining, l))
                minWidth -= l
                if remaining <= 0 && minWidth <= 0 { broke = true; break }
                minWidth -= sepBytes.count
            }
        }
        if !broke {
            let l = max(max(remaining, minWidth), 1)
            chunks.append(chunk(l))
        }
        var out: [UInt8] = []
        for (k, piece) in chunks.reversed().enumerated() {
            if k > 0 { out.append(contentsOf: sepBytes) }
            out.append(contentsOf: piece)
        }
        return out
    }

    // MARK: - int

    static func formatInteger(_ n: PyIntegerDigits, _ spec: FormatSpec, typeName: String) throws(PyFormatError) -> String {
        let type = spec.type ?? "d"
        switch type {
        case "b", "c", "d", "o", "x", "X", "n":
            break
        case "e", "E", "f", "F", "g", "G", "%":
            return try formatFloat(try n.toDouble(), spec, typeName: typeName)
        default:
            throw unknownCode(type, typeName)
        }
        if spec.precision != nil {
            throw PyFormatError(.valueError, "Precision not allowed in integer format specifier")
        }
        if spec.noNegativeZero {
            throw PyFormatError(.valueError, "Negative zero coercion (z) not allowed in integer format specifier")
        }
        if type == "c" {
            if spec.sign != nil {
                throw PyFormatError(.valueError, "Sign not allowed with integer format specifier 'c'")
            }
            if spec.alternate {
                throw PyFormatError(.valueError, "Alternate form (#) not allowed with integer format specifier 'c'")
            }
            guard let code = n.smallValue else {
                throw PyFormatError(.overflowError, "Python int too large to convert to C long")
            }
            guard code >= 0, code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else {
                throw PyFormatError(.overflowError, "%c arg not in range(0x110000)")
            }
            let char = String(Character(scalar))
            // The character is laid out as "remainder": no digits to group or zero-fill.
            let body = assembleNumber(negative: false, prefix: [], digits: [], remainder: Array(char.utf8),
                                      spec: spec, separator: nil, groupSize: 3)
            return fixWidthForNonASCII(body, char: char, spec: spec)
        }
        let base: Int
        var prefix: [UInt8] = []
        switch type {
        case "b": base = 2; prefix = Array("0b".utf8)
        case "o": base = 8; prefix = Array("0o".utf8)
        case "x", "X": base = 16; prefix = Array("0x".utf8)
        default: base = 10
        }
        if !spec.alternate { prefix = [] }
        var digits = n.magnitudeDigits(base: base)
        if type == "X" { digits = digits.map { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) ? $0 - 32 : $0 } }
        let separator: Unicode.Scalar? = type == "n" ? nil : spec.separator
        return assembleNumber(negative: n.negative, prefix: prefix, digits: digits, remainder: [], spec: spec,
                              separator: separator, groupSize: spec.groupSize, uppercase: type == "X")
    }

    /// `assembleNumber` counts bytes; a non-ASCII 'c' character is one scalar but several bytes.
    private static func fixWidthForNonASCII(_ body: String, char: String, spec: FormatSpec) -> String {
        let extra = char.utf8.count - char.unicodeScalars.count
        guard extra > 0, let width = spec.width, width > 1 else { return body }
        var again = spec
        again.width = width + extra
        return assembleNumber(negative: false, prefix: [], digits: [], remainder: Array(char.utf8), spec: again,
                              separator: nil, groupSize: 3)
    }

    // MARK: - float

    static func formatFloat(_ value: Double, _ spec: FormatSpec, typeName: String) throws(PyFormatError) -> String {
        var x = value
        var floatType: FloatType
        var uppercase = false
        var addDot0 = false
        var percent = false
        var precision = spec.precision ?? 6
        switch spec.type {
        case nil:
            addDot0 = true
            if spec.precision == nil { floatType = .repr; precision = 0 } else { floatType = .general }
        case "e": floatType = .exponent
        case "E": floatType = .exponent; uppercase = true
        case "f": floatType = .fixed
        case "F": floatType = .fixed; uppercase = true
        case "g", "n": floatType = .general
        case "G": floatType = .general; uppercase = true
        case "%": floatType = .fixed; x *= 100; percent = true
        case let other?: throw unknownCode(other, typeName)
        }
        var text = doubleToString(x, type: floatType, precision: precision, alternate: spec.alternate, addDot0: addDot0,
                                  noNegativeZero: spec.noNegativeZero, uppercase: uppercase)
        if percent { text.append(UInt8(ascii: "%")) }
        var negative = false
        if text.first == UInt8(ascii: "-") { negative = true; text.removeFirst() }
        let digitCount = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        let separator: Unicode.Scalar? = spec.type == "n" ? nil : spec.separator
        return assembleNumber(negative: negative, prefix: [], digits: Array(text[0..<digitCount]),
                              remainder: Array(text[digitCount...]), spec: spec, separator: separator, groupSize: 3)
    }
}
