/// A Python int (machine-size or arbitrary) as sign and magnitude, for formatting in any base.
struct PyIntegerDigits {
    var negative: Bool
    /// The magnitude when it fits in 64 bits.
    var small: UInt64?
    /// The magnitude's decimal digits (ASCII) when it does not.
    var decimal: [UInt8]

    init(_ n: Int) {
        negative = n < 0
        small = n.magnitude.pyFormatUInt64
        decimal = []
    }

    /// From decimal digits with an optional sign; non-digits are ignored.
    init(decimal text: String) {
        var bytes = Array(text.utf8)
        negative = bytes.first == UInt8(ascii: "-")
        bytes = bytes.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        while bytes.count > 1 && bytes.first == UInt8(ascii: "0") { bytes.removeFirst() }
        if bytes.isEmpty { bytes = [UInt8(ascii: "0")] }
        if let value = UInt64(String(decoding: bytes, as: UTF8.self)) {
            small = value
            decimal = []
        } else {
            small = nil
            decimal = bytes
        }
        if small == 0 { negative = false }
    }

    /// The value as an `Int`, when it fits.
    var smallValue: Int? {
        guard let small else { return nil }
        if negative {
            return small <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- small) : nil
        }
        return small <= UInt64(Int.max) ? Int(small) : nil
    }

    /// Lowercase digits of the magnitude in `base` (2...36).
    func magnitudeDigits(base: Int) -> [UInt8] {
        if let small { return Array(String(small, radix: base).utf8) }
        // Little-endian limbs in base 10^9, divided repeatedly by `base`.
        var limbs: [UInt64] = []
        var end = decimal.count
        while end > 0 {
            let start = max(0, end - 9)
            var limb: UInt64 = 0
            for c in decimal[start..<end] { limb = limb * 10 + UInt64(c - UInt8(ascii: "0")) }
            limbs.append(limb)
            end = start
        }
        if base == 10 { return decimal }
        var out: [UInt8] = []
        let b = UInt64(base)
        while !(limbs.count == 1 && limbs[0] == 0) && !limbs.isEmpty {
            var remainder: UInt64 = 0
            for k in stride(from: limbs.count - 1, through: 0, by: -1) {
                let current = remainder * 1_000_000_000 + limbs[k]
                limbs[k] = current / b
                remainder = current % b
            }
            while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
            out.append(Array(String(remainder, radix: base).utf8)[0])
        }
        return out.isEmpty ? [UInt8(ascii: "0")] : out.reversed()
    }

    /// Python's `float(int)`: correctly rounded, OverflowError when too large.
    func toDouble() throws(PyFormatError) -> Double {
        let magnitude: Double
        if let small { magnitude = Double(small) } else {
            magnitude = Double(String(decoding: decimal, as: UTF8.self)) ?? .infinity
        }
        if !magnitude.isFinite { throw PyFormatError(.overflowError, "int too large to convert to float") }
        return negative ? -magnitude : magnitude
    }
}

private extension UInt {
    var pyFormatUInt64: UInt64 { UInt64(self) }
}

extension PyFormat {
    /// Python's int → str in base 2, 8, 10 or 16, as `bin()`, `oct()`, `str()` and `hex()` write it
    /// (`-0x1f`, `0b101`; no prefix for base 10). Other bases (2...36) get no prefix.
    public static func intString(_ value: PyFormatValue, base: Int) -> String {
        let n: PyIntegerDigits
        switch value {
        case .int(let v): n = PyIntegerDigits(v)
        case .bigInt(let digits): n = PyIntegerDigits(decimal: digits)
        case .bool(let b): n = PyIntegerDigits(b ? 1 : 0)
        case .float(let x): n = PyIntegerDigits(decimal: x.isFinite ? String(decoding: cFormat("%.0f", x.rounded(.towardZero)), as: UTF8.self) : "0")
        case .string: n = PyIntegerDigits(0)
        }
        let prefix: String
        switch base {
        case 2: prefix = "0b"
        case 8: prefix = "0o"
        case 16: prefix = "0x"
        default: prefix = ""
        }
        let digits = String(decoding: n.magnitudeDigits(base: min(36, max(2, base))), as: UTF8.self)
        return (n.negative ? "-" : "") + prefix + digits
    }
}
