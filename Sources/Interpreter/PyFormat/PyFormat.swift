/// Python 3 number formatting: float repr, `format()` specs, `%`-formatting and `round()`.
///
/// Depends only on the standard library and the C library's `vsnprintf` (correctly rounded).
public enum PyFormat {
    /// Python's repr of a float: shortest round-trip digits; positional when exponent in [-4, 16), else 1e-05 / 1e+16 style; nan, inf, -inf, -0.0; always ".0" for whole numbers in positional form.
    public static func floatRepr(_ x: Double) -> String {
        String(decoding: doubleToString(x, type: .repr, precision: 0, alternate: false, addDot0: true, noNegativeZero: false),
               as: UTF8.self)
    }

    /// `str(x)` for a float, which is the same as `repr(x)` in Python 3.
    public static func floatStr(_ x: Double) -> String { floatRepr(x) }

    /// Python's `round(x, ndigits)` for a float: the exact binary value rounded half-to-even at
    /// `ndigits` decimal places (negative `ndigits` rounds to tens, hundreds...), so
    /// `round(2.675, 2) == 2.67` and `round(0.5, 0) == 0.0`. NaN and infinities are returned unchanged.
    public static func round(_ x: Double, _ ndigits: Int) -> Double {
        if !x.isFinite || x == 0 { return x }
        // Python's limits: more digits than a double can hold change nothing; far too few give ±0.
        if ndigits > 323 { return x }
        if ndigits < -308 { return 0.0 * x }
        if ndigits >= 0 {
            let text = cFormat("%.\(ndigits)f", x)
            let value = Double(String(decoding: text, as: UTF8.self)) ?? x
            return value == 0 ? (x < 0 ? -0.0 : 0.0) : value
        }
        // Round to a multiple of 10^k (k = -ndigits) on the exact integer digits of |x|.
        let k = -ndigits
        let sign: Double = x < 0 ? -1 : 1
        let magnitude = abs(x)
        if magnitude < 1 { return sign * 0.0 }
        let whole = magnitude.rounded(.towardZero)
        let hasFraction = whole != magnitude
        let digits = cFormat("%.0f", whole)  // exact: `whole` is an integer
        let keep = digits.count - k
        if keep < 0 { return sign * 0.0 }
        var kept = Array(digits[0..<keep])
        let rest = digits[keep...]
        // Compare the dropped part with one half of 10^k: first dropped digit against 5, then the others against 0.
        var comparison = 0
        if let first = rest.first {
            if first > UInt8(ascii: "5") { comparison = 1 } else if first < UInt8(ascii: "5") { comparison = -1 } else {
                comparison = (rest.dropFirst().contains { $0 != UInt8(ascii: "0") } || hasFraction) ? 1 : 0
            }
        }
        let lastKeptOdd = kept.last.map { ($0 - UInt8(ascii: "0")) % 2 == 1 } ?? false
        if comparison > 0 || (comparison == 0 && lastKeptOdd) {
            // Add one unit to the kept digits.
            var position = kept.count - 1
            while position >= 0 && kept[position] == UInt8(ascii: "9") { kept[position] = UInt8(ascii: "0"); position -= 1 }
            if position >= 0 { kept[position] += 1 } else { kept.insert(UInt8(ascii: "1"), at: 0) }
        }
        if kept.isEmpty || kept.allSatisfy({ $0 == UInt8(ascii: "0") }) { return sign * 0.0 }
        let text = String(decoding: kept, as: UTF8.self) + "e\(k)"
        return sign * (Double(text) ?? .infinity)
    }

    /// The exponent of a C `%e` rendering such as `1e+03` or `-2.50e-05`.
    static func decimalExponent(ofE text: [UInt8]) -> Int {
        guard let e = text.lastIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return 0 }
        var k = e + 1
        var negative = false
        if k < text.count, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
            negative = text[k] == UInt8(ascii: "-")
            k += 1
        }
        var value = 0
        while k < text.count { value = value * 10 + Int(text[k] &- 48); k += 1 }
        return negative ? -value : value
    }

    // MARK: - PyOS_double_to_string

    /// Python's float presentation types after normalisation (uppercase is a flag).
    enum FloatType {
        case exponent, fixed, general, repr
    }

    /// The shortest round-trip digits of a finite non-zero |x| and the decimal point position
    /// (value = 0.DIGITS × 10^decpt), from Swift's shortest-digits `description`.
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], decpt: Int) {
        if x == 0 { return ([UInt8(ascii: "0")], 1) }
        let text = Array(abs(x).description.utf8)
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var k = 0
        while k < text.count {
            let c = text[k]
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = decimalExponent(ofE: text)
                break
            }
            if c == UInt8(ascii: ".") { pointPosition = digits.count } else { digits.append(c) }
            k += 1
        }
        var decpt = (pointPosition ?? digits.count) + exponent
        // Drop leading zeros (e.g. "0.001") and trailing zeros (e.g. "100.0").
        var lead = 0
        while lead < digits.count - 1 && digits[lead] == UInt8(ascii: "0") { lead += 1; decpt -= 1 }
        digits.removeFirst(lead)
        while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, decpt)
    }

    /// Digits of |x| correctly rounded to `count` significant digits (dtoa mode 2), trailing zeros
    /// stripped, with the decimal point position.
    static func roundedDigits(_ x: Double, significant count: Int) -> (digits: [UInt8], decpt: Int) {
        if x == 0 { return ([UInt8(ascii: "0")], 1) }
        let text = cFormat("%.\(max(0, count - 1))e", abs(x))
        var digits: [UInt8] = []
        for c in text {
            if c == UInt8(ascii: "e") { break }
            if c != UInt8(ascii: ".") { digits.append(c) }
        }
        while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, decimalExponent(ofE: text) + 1)
    }

    /// Python's `PyOS_double_to_string` (format_float_short): `type` with `precision`, the `#`
    /// flag, the ".0" addition of `repr`/none-type, and `z` (negative zero coercion).
    /// `uppercase` selects `E`, `INF`, `NAN`.
    static func doubleToString(_ x: Double, type: FloatType, precision: Int, alternate: Bool, addDot0: Bool,
                               noNegativeZero: Bool, uppercase: Bool = false) -> [UInt8] {
        var out: [UInt8]
        if x.isNaN {
            out = Array("nan".utf8)
        } else if x.isInfinite {
            out = Array((x < 0 ? "-inf" : "inf").utf8)
        } else {
            switch type {
            case .fixed:
                out = cFormat(alternate ? "%#.\(precision)f" : "%.\(precision)f", x)
            case .exponent:
                out = cFormat(alternate ? "%#.\(precision)e" : "%.\(precision)e", x)
            case .general, .repr:
                out = layoutShort(x, type: type, precision: precision, alternate: alternate, addDot0: addDot0)
            }
            if noNegativeZero, out.first == UInt8(ascii: "-") {
                let mantissa = out.prefix { $0 != UInt8(ascii: "e") }
                if mantissa.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
                    out.removeFirst()
                }
            }
        }
        if uppercase {
            out = out.map { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) ? $0 - 32 : $0 }
        }
        return out
    }

    /// format_float_short's layout for 'g' (mode 2) and 'r' (mode 0).
    private static func layoutShort(_ x: Double, type: FloatType, precision: Int, alternate: Bool,
                                    addDot0: Bool) -> [UInt8] {
        let zero = UInt8(ascii: "0")
        var p = precision
        var (digits, decpt) = (([UInt8](), 0))
        var useExponent = false
        var vEnd: Int
        switch type {
        case .general:
            if p == 0 { p = 1 }
            (digits, decpt) = roundedDigits(x, significant: p)
            vEnd = digits.count
            if decpt <= -4 || decpt > (addDot0 ? p - 1 : p) { useExponent = true }
            if alternate { vEnd = p }
        case .repr, .exponent, .fixed:
            (digits, decpt) = shortestDigits(x)
            vEnd = digits.count
            if decpt <= -4 || decpt > 16 { useExponent = true }
        }
        var exponent = 0
        if useExponent {
            exponent = decpt - 1
            decpt = 1
        }
        let vStart = decpt <= 0 ? decpt - 1 : 0
        if !useExponent && addDot0 {
            vEnd = max(vEnd, decpt + 1)
        } else {
            vEnd = max(vEnd, decpt)
        }
        var out: [UInt8] = []
        out.reserveCapacity(vEnd - vStart + 8)
        if x.sign == .minus { out.append(UInt8(ascii: "-")) }
        let n = digits.count
        if decpt <= 0 {
            out.append(contentsOf: repeatElement(zero, count: decpt - vStart))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(zero, count: -decpt))
        } else {
            out.append(contentsOf: repeatElement(zero, count: -vStart))
        }
        if 0 < decpt && decpt <= n {
            out.append(contentsOf: digits[0..<decpt])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[decpt...])
        } else {
            out.append(contentsOf: digits)
        }
        if n < decpt {
            out.append(contentsOf: repeatElement(zero, count: decpt - n))
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: repeatElement(zero, count: vEnd - decpt))
        } else {
            out.append(contentsOf: repeatElement(zero, count: vEnd - n))
        }
        if out.last == UInt8(ascii: ".") && !alternate { out.removeLast() }
        if useExponent {
            out.append(UInt8(ascii: "e"))
            out.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = String(abs(exponent))
            if magnitude.utf8.count < 2 { out.append(zero) }
            out.append(contentsOf: magnitude.utf8)
        }
        return out
    }
}
