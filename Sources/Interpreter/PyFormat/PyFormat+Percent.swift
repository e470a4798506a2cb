/// Which argument of a `%`-format a conversion uses.
public enum PyPercentArgRef: Sendable, Hashable {
    /// Element `i` of the tuple on the right of `%`.
    case position(Int)
    /// The right operand itself, when it is not a tuple (`'%s' % x`).
    case whole
    /// `mapping[key]`, for `%(key)s`.
    case key(String)
}

/// `str()`, `repr()` or `ascii()`, for `%s`, `%r`, `%a`.
public enum PyTextConversion: Sendable, Hashable {
    case str, repr, ascii
}

/// What the `%` formatter sees of one argument.
public enum PyPercentOperand {
    /// An int, big int, float, str or bool.
    case value(PyFormatValue)
    /// Any other object: its type name and the results of its numeric conversions (nil when the
    /// type has no such method). `index` serves `%x %X %o` (`__index__`), `int` serves `%d %i %u`
    /// (`__int__`/`__index__`; an int-valued result), `float` serves `%e %f %g` (`__float__`).
    /// A one-element tensor passes its `.item()` conversions here.
    case object(typeName: String, index: PyFormatValue? = nil, int: PyFormatValue? = nil, float: Double? = nil)
}

/// The right operand of `format % args`, seen through callbacks so that only the arguments a
/// conversion needs are converted, in Python's order.
public struct PyPercentArguments {
    /// The tuple's length, or nil when the right operand is not a tuple (it is then one argument).
    public var tupleCount: Int?
    /// True when the right operand is a mapping in Python's sense (has `__getitem__`, is not a
    /// tuple or str): enables `%(key)s` and disables the "not all arguments converted" check.
    public var isMapping: Bool
    /// The operand for a reference (for `.key`, the callback performs `mapping[key]` and throws
    /// `PyFormatError(.keyError, repr(key))` or a propagated error on failure).
    public var operand: (PyPercentArgRef) throws(PyFormatError) -> PyPercentOperand
    /// `str`/`repr`/`ascii` of an argument, for `%s %r %a` (errors are propagated).
    public var text: (PyPercentArgRef, PyTextConversion) throws(PyFormatError) -> String

    public init(tupleCount: Int?, isMapping: Bool,
                operand: @escaping (PyPercentArgRef) throws(PyFormatError) -> PyPercentOperand,
                text: @escaping (PyPercentArgRef, PyTextConversion) throws(PyFormatError) -> String) {
        self.tupleCount = tupleCount
        self.isMapping = isMapping
        self.operand = operand
        self.text = text
    }

    /// Arguments that are plain values in a tuple (`'%d %s' % (1, 'a')`); `%s`/`%r` use
    /// `PyFormat.str`/`PyFormat.repr` of the values.
    public static func tuple(_ values: [PyFormatValue]) -> PyPercentArguments {
        PyPercentArguments(tupleCount: values.count, isMapping: false, operand: { ref in
            guard case .position(let i) = ref, values.indices.contains(i) else { return .object(typeName: "NoneType") }
            return .value(values[i])
        }, text: { ref, conversion in
            guard case .position(let i) = ref, values.indices.contains(i) else { return "None" }
            return PyFormat.text(values[i], conversion)
        })
    }

    /// A single non-tuple value (`'%.3f' % x`).
    public static func single(_ value: PyFormatValue) -> PyPercentArguments {
        PyPercentArguments(tupleCount: nil, isMapping: false, operand: { _ in .value(value) },
                           text: { _, conversion in PyFormat.text(value, conversion) })
    }

    /// A dict of plain values (`'%(name)s' % {'name': 'x'}`).
    public static func mapping(_ values: [String: PyFormatValue]) -> PyPercentArguments {
        PyPercentArguments(tupleCount: nil, isMapping: true, operand: { ref throws(PyFormatError) in
            guard case .key(let key) = ref else { return .object(typeName: "dict") }
            guard let value = values[key] else { throw PyFormatError(.keyError, PyFormat.strRepr(key)) }
            return .value(value)
        }, text: { ref, conversion throws(PyFormatError) in
            guard case .key(let key) = ref else { return "{...}" }
            guard let value = values[key] else { throw PyFormatError(.keyError, PyFormat.strRepr(key)) }
            return PyFormat.text(value, conversion)
        })
    }
}

extension PyFormat {
    /// `str()` of a plain value.
    public static func str(_ value: PyFormatValue) -> String {
        switch value {
        case .int(let n): String(n)
        case .bigInt(let digits): digits
        case .float(let x): floatRepr(x)
        case .string(let s): s
        case .bool(let b): b ? "True" : "False"
        }
    }

    /// `str()`, `repr()` or `ascii()` of a plain value.
    public static func text(_ value: PyFormatValue, _ conversion: PyTextConversion) -> String {
        switch conversion {
        case .str: str(value)
        case .repr: repr(value)
        case .ascii: asciiEscaped(repr(value))
        }
    }

    /// Python's `ascii()` step: non-ASCII scalars of a repr become `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
    public static func asciiEscaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if c.isASCII {
                out.unicodeScalars.append(c)
            } else if c.value <= 0xFF {
                out += "\\x" + hex(c.value, 2)
            } else if c.value <= 0xFFFF {
                out += "\\u" + hex(c.value, 4)
            } else {
                out += "\\U" + hex(c.value, 8)
            }
        }
        return out
    }

    /// `repr()` of a plain value (strings quoted and escaped as Python does).
    public static func repr(_ value: PyFormatValue) -> String {
        if case .string(let s) = value { return strRepr(s) }
        return str(value)
    }

    /// Python's `repr(str)`: single quotes unless the text has `'` and no `"`; escapes `\\`, the
    /// quote, `\n \r \t`, other control characters as `\xNN`, and non-printable scalars.
    public static func strRepr(_ s: String) -> String {
        let useDouble = s.unicodeScalars.contains("'") && !s.unicodeScalars.contains("\"")
        let quote: Unicode.Scalar = useDouble ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for c in s.unicodeScalars {
            switch c {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case quote: out.append("\\"); out.append(c)
            default:
                if c.value < 0x20 || c.value == 0x7F || (c.value >= 0x80 && c.value < 0xA0) {
                    out.append(contentsOf: ("\\x" + hex(c.value, 2)).unicodeScalars)
                } else if c.value >= 0xA0 && !isPrintable(c) {
                    if c.value <= 0xFF {
                        out.append(contentsOf: ("\\x" + hex(c.value, 2)).unicodeScalars)
                    } else if c.value <= 0xFFFF {
                        out.append(contentsOf: ("\\u" + hex(c.value, 4)).unicodeScalars)
                    } else {
                        out.append(contentsOf: ("\\U" + hex(c.value, 8)).unicodeScalars)
                    }
                } else {
                    out.append(c)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.utf8.count)) + s
    }

    /// An approximation of Python's `str.isprintable` for one scalar (separators, controls,
    /// format characters, unassigned and private-use scalars are not printable).
    private static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        if c == " " { return true }
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// printf-style `'%d %.3f %s %r %5.2f %-4d %x %e %g %%' % args`, with `%(name)s` for mappings
    /// and `*` widths/precisions. Errors use Python's exception classes and wording.
    public static func percentFormat(_ format: String, _ args: PyPercentArguments) throws(PyFormatError) -> String {
        let f = Array(format.unicodeScalars)
        var out = String.UnicodeScalarView()
        var argIndex = args.tupleCount == nil ? -2 : 0
        var argLength = args.tupleCount ?? -1
        // After `%(key)`, the "current arguments" become that single value (CPython resets arglen/argidx).
        var currentKey: String? = nil
        var pos = 0

        func nextArg() throws(PyFormatError) -> PyPercentArgRef {
            if argIndex < argLength {
                argIndex += 1
                if let currentKey { return .key(currentKey) }
                return argLength < 0 ? .whole : .position(argIndex - 1)
            }
            throw PyFormatError(.typeError, "not enough arguments for format string")
        }

        func starValue() throws(PyFormatError) -> Int {
            let ref = try nextArg()
            let operand = try args.operand(ref)
            switch operand {
            case .value(.int(let n)): return n
            case .value(.bool(let b)): return b ? 1 : 0
            case .value(.bigInt): throw PyFormatError(.overflowError, "Python int too large to convert to C ssize_t")
            case .value, .object: throw PyFormatError(.typeError, "* wants int")
            }
        }

        while pos < f.count {
            let c = f[pos]
            if c != "%" {
                out.append(c)
                pos += 1
                continue
            }
            pos += 1
            // Only an immediate "%%" is a literal percent; "%5%" is an unsupported conversion.
            if pos < f.count && f[pos] == "%" {
                out.append("%")
                pos += 1
                continue
            }
            // Mapping key.
            if pos < f.count && f[pos] == "(" {
                if !args.isMapping { throw PyFormatError(.typeError, "format requires a mapping") }
                pos += 1
                var depth = 1
                let keyStart = pos
                while pos < f.count && depth > 0 {
                    if f[pos] == ")" { depth -= 1 } else if f[pos] == "(" { depth += 1 }
                    pos += 1
                }
                if depth > 0 { throw PyFormatError(.valueError, "incomplete format key") }
                var key = String.UnicodeScalarView()
                key.append(contentsOf: f[keyStart..<(pos - 1)])
                currentKey = String(key)
                argLength = -1
                argIndex = -2
            }
            // Flags.
            var leftJustify = false, plus = false, blank = false, alternate = false, zero = false
            flags: while pos < f.count {
                switch f[pos] {
                case "-": leftJustify = true
                case "+": plus = true
                case " ": blank = true
                case "#": alternate = true
                case "0": zero = true
                default: break flags
                }
                pos += 1
            }
            // Width.
            var width = -1
            if pos < f.count && f[pos] == "*" {
                width = try starValue()
                if width < 0 { leftJustify = true; width = -width }
                pos += 1
            } else {
                var w = 0
                var any = false
                while pos < f.count, let d = f[pos].pyFormatDigit {
                    let (m, o1) = w.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(d)
                    if o1 || o2 { throw PyFormatError(.valueError, "width too big") }
                    w = s
                    any = true
                    pos += 1
                }
                if any { width = w }
            }
            // Precision.
            var precision = -1
            if pos < f.count && f[pos] == "." {
                pos += 1
                if pos < f.count && f[pos] == "*" {
                    precision = max(0, try starValue())
                    pos += 1
                } else {
                    var p = 0
                    while pos < f.count, let d = f[pos].pyFormatDigit {
                        let (m, o1) = p.multipliedReportingOverflow(by: 10)
                        let (s, o2) = m.addingReportingOverflow(d)
                        if o1 || o2 { throw PyFormatError(.valueError, "precision too big") }
                        p = s
                        pos += 1
                    }
                    precision = p
                }
            }
            if precision > Int(Int32.max) { throw PyFormatError(.valueError, "precision too big") }
            try PyFormatError.checkFieldSize(width)
            try PyFormatError.checkFieldSize(precision)
            // Length modifiers are accepted and ignored.
            while pos < f.count && (f[pos] == "h" || f[pos] == "l" || f[pos] == "L") { pos += 1 }
            if pos >= f.count { throw PyFormatError(.valueError, "incomplete format") }
            let conversion = f[pos]
            pos += 1
            let ref = try nextArg()
            var body: String
            var numeric = false
            switch conversion {
            case "s", "r", "a":
                let kind: PyTextConversion = conversion == "s" ? .str : (conversion == "r" ? .repr : .ascii)
                body = try args.text(ref, kind)
                if precision >= 0 {
                    let scalars = body.unicodeScalars
                    if scalars.count > precision {
                        var cut = String.UnicodeScalarView()
                        cut.append(contentsOf: scalars.prefix(precision))
                        body = String(cut)
                    }
                }
            case "d", "i", "u", "o", "x", "X":
                body = try percentInteger(try args.operand(ref), conversion: conversion, precision: precision,
                                          alternate: alternate)
                numeric = true
            case "e", "E", "f", "F", "g", "G":
                let x = try percentFloat(try args.operand(ref))
                let type: FloatType
                switch conversion {
                case "e", "E": type = .exponent
                case "f", "F": type = .fixed
                default: type = .general
                }
                let upper = conversion == "E" || conversion == "F" || conversion == "G"
                body = String(decoding: doubleToString(x, type: type, precision: precision < 0 ? 6 : precision,
                                                       alternate: alternate, addDot0: false, noNegativeZero: false,
                                                       uppercase: upper), as: UTF8.self)
                numeric = true
            case "c":
                body = try percentChar(try args.operand(ref))
            default:
                let shown = conversion.value >= 31 && conversion.value <= 126 ? String(Character(conversion)) : "?"
                throw PyFormatError(.valueError, "unsupported format character '\(shown)' (0x\(String(conversion.value, radix: 16))) at index \(pos - 1)")
            }
            out.append(contentsOf: layoutPercent(body, numeric: numeric, conversion: conversion, width: width,
                                                 leftJustify: leftJustify, plus: plus, blank: blank,
                                                 alternate: alternate, zero: zero).unicodeScalars)
        }
        if argIndex < argLength && !args.isMapping {
            throw PyFormatError(.typeError, "not all arguments converted during string formatting")
        }
        return String(out)
    }

    /// CPython's unicode_format_arg_output: sign, `0x` prefix, fill and justification.
    private static func layoutPercent(_ body: String, numeric: Bool, conversion: Unicode.Scalar, width: Int,
                                      leftJustify: Bool, plus: Bool, blank: Bool, alternate: Bool,
                                      zero: Bool) -> String {
        var chars = Array(body.unicodeScalars)
        let fillZero = numeric && zero && !leftJustify
        var signChar: Unicode.Scalar? = nil
        if numeric {
            if let first = chars.first, first == "-" || first == "+" {
                signChar = first
                chars.removeFirst()
            } else if plus {
                signChar = "+"
            } else if blank {
                signChar = " "
            }
        }
        var prefix: [Unicode.Scalar] = []
        if numeric && alternate && (conversion == "x" || conversion == "X" || conversion == "o") && chars.count >= 2 {
            prefix = Array(chars[0..<2])
            chars.removeFirst(2)
        }
        let content = (signChar == nil ? 0 : 1) + prefix.count + chars.count
        let padding = max(0, width - content)
        var out = String.UnicodeScalarView()
        if leftJustify {
            if let signChar { out.append(signChar) }
            out.append(contentsOf: prefix)
            out.append(contentsOf: chars)
            out.append(contentsOf: repeatElement(" ", count: padding))
        } else if fillZero {
            if let signChar { out.append(signChar) }
            out.append(contentsOf: prefix)
            out.append(contentsOf: repeatElement("0", count: padding))
            out.append(contentsOf: chars)
        } else {
            out.append(contentsOf: repeatElement(" ", count: padding))
            if let signChar { out.append(signChar) }
            out.append(contentsOf: prefix)
            out.append(contentsOf: chars)
        }
        return String(out)
    }

    /// `%d %i %u %o %x %X`: the digits with sign, `0x`/`0o` prefix when `#`, zero-extended to `precision`.
    private static func percentInteger(_ operand: PyPercentOperand, conversion: Unicode.Scalar, precision: Int,
                                       alternate: Bool) throws(PyFormatError) -> String {
        let wantsIndex = conversion == "o" || conversion == "x" || conversion == "X"
        func wrongType(_ typeName: String) -> PyFormatError {
            let what = wantsIndex ? "an integer is required" : "a real number is required"
            return PyFormatError(.typeError, "%\(Character(conversion)) format: \(what), not \(typeName)")
        }
        let n: PyIntegerDigits
        switch operand {
        case .value(.int(let v)): n = PyIntegerDigits(v)
        case .value(.bigInt(let digits)): n = PyIntegerDigits(decimal: digits)
        case .value(.bool(let b)): n = PyIntegerDigits(b ? 1 : 0)
        case .value(.float(let x)):
            if wantsIndex { throw wrongType("float") }
            n = try truncate(x)
        case .value(.string): throw wrongType("str")
        case .object(let typeName, let index, let int, let float):
            let chosen: PyFormatValue?
            if wantsIndex {
                chosen = index
            } else if let integral = int ?? index {
                chosen = integral
            } else if let float {
                chosen = .float(float)
            } else {
                chosen = nil
            }
            switch chosen {
            case .int(let v)?: n = PyIntegerDigits(v)
            case .bigInt(let digits)?: n = PyIntegerDigits(decimal: digits)
            case .bool(let b)?: n = PyIntegerDigits(b ? 1 : 0)
            case .float(let x)?: n = try truncate(x)
            case .string?, nil: throw wrongType(typeName)
            }
        }
        let base = conversion == "o" ? 8 : (wantsIndex ? 16 : 10)
        var digits = n.magnitudeDigits(base: base)
        if precision > digits.count {
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: precision - digits.count) + digits
        }
        var text = n.negative ? "-" : ""
        if alternate && wantsIndex { text += conversion == "o" ? "0o" : "0x" }
        text += String(decoding: digits, as: UTF8.self)
        return conversion == "X" ? text.uppercased() : text
    }

    /// Python's `int(float)`: truncation, with its errors for NaN and infinities.
    private static func truncate(_ x: Double) throws(PyFormatError) -> PyIntegerDigits {
        if x.isNaN { throw PyFormatError(.valueError, "cannot convert float NaN to integer") }
        if x.isInfinite { throw PyFormatError(.overflowError, "cannot convert float infinity to integer") }
        let whole = x.rounded(.towardZero)
        if abs(whole) < 9.0e18 { return PyIntegerDigits(Int(whole)) }
        return PyIntegerDigits(decimal: String(decoding: cFormat("%.0f", whole), as: UTF8.self))
    }

    /// `%e %f %g`: the float value (`float(x)`), with Python's errors.
    private static func percentFloat(_ operand: PyPercentOperand) throws(PyFormatError) -> Double {
        switch operand {
        case .value(.float(let x)): return x
        case .value(.int(let v)): return Double(v)
        case .value(.bool(let b)): return b ? 1 : 0
        case .value(.bigInt(let digits)): return try PyIntegerDigits(decimal: digits).toDouble()
        case .value(.string): throw PyFormatError(.typeError, "must be real number, not str")
        case .object(let typeName, let index, let int, let float):
            if let float { return float }
            switch index ?? int {
            case .int(let v)?: return Double(v)
            case .bigInt(let digits)?: return try PyIntegerDigits(decimal: digits).toDouble()
            case .bool(let b)?: return b ? 1 : 0
            case .float(let x)?: return x
            case .string?, nil: throw PyFormatError(.typeError, "must be real number, not \(typeName)")
            }
        }
    }

    /// `%c`: an int code point or a one-character str.
    private static func percentChar(_ operand: PyPercentOperand) throws(PyFormatError) -> String {
        let code: Int
        switch operand {
        case .value(.string(let s)):
            let scalars = s.unicodeScalars
            guard scalars.count == 1, let first = scalars.first else {
                throw PyFormatError(.typeError, "%c requires int or char")
            }
            return String(Character(first))
        case .value(.int(let v)): code = v
        case .value(.bool(let b)): code = b ? 1 : 0
        case .value(.bigInt): throw PyFormatError(.overflowError, "%c arg not in range(0x110000)")
        case .value(.float): throw PyFormatError(.typeError, "%c requires int or char")
        case .object(_, let index, _, _):
            guard case .int(let v)? = index else { throw PyFormatError(.typeError, "%c requires int or char") }
            code = v
        }
        guard code >= 0, code <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(code)) else {
            throw PyFormatError(.overflowError, "%c arg not in range(0x110000)")
        }
        return String(Character(scalar))
    }
}

private extension Unicode.Scalar {
    /// 0...9 for an ASCII digit, nil otherwise.
    var pyFormatDigit: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}
