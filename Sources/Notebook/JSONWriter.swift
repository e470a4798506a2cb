/// Writes JSON byte for byte as Python's `json.dumps(value, sort_keys=True, indent=1,
/// ensure_ascii=False)` does (the format `nbformat.write` uses), or compactly as
/// `json.dumps(value, ensure_ascii=False)` does.
///
/// Contract: keys are sorted by Unicode code point (Python's `str` order), repeated keys
/// keep the last value, integers print as written, other numbers print as Python's
/// `float.__repr__`, strings escape only `"`, `\` and control characters.
public enum JSONWriter {
    /// Pretty form with 1-space indent and sorted keys, without a trailing newline.
    public static func pretty(_ value: JSONValue) -> String {
        var out = ""
        writePretty(value, indent: 0, into: &out)
        return out
    }

    /// Compact one-line form (`, ` and `: ` separators, keys in their given order), as used
    /// for `key=<JSON>` metadata in `.cnb` marker lines.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        writeCompact(value, into: &out)
        return out
    }

    private static func sortedMembers(_ members: [JSONMember]) -> [JSONMember] {
        var lastIndex: [String: Int] = [:]
        for (i, m) in members.enumerated() { lastIndex[m.key] = i }
        let unique = members.enumerated().filter { lastIndex[$0.element.key] == $0.offset }.map(\.element)
        return unique.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
    }

    private static func writePretty(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                writePretty(item, indent: indent + 1, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            let sorted = sortedMembers(members)
            if sorted.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, m) in sorted.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                writeString(m.key, into: &out)
                out += ": "
                writePretty(m.value, indent: indent + 1, into: &out)
                out += i + 1 < sorted.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .null, .bool, .number, .string:
            writeScalar(value, into: &out)
        }
    }

    private static func writeCompact(_ value: JSONValue, into out: inout String) {
        switch value {
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                writeCompact(item, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += ", " }
                writeString(m.key, into: &out)
                out += ": "
                writeCompact(m.value, into: &out)
            }
            out += "}"
        case .null, .bool, .number, .string:
            writeScalar(value, into: &out)
        }
    }

    private static func writeScalar(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += pythonNumber(text)
        case .string(let s): writeString(s, into: &out)
        case .array, .object: writeCompact(value, into: &out)
        }
    }

    /// Escapes as Python's json with `ensure_ascii=False`.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The text Python prints for the number whose JSON text is `text`: integers unchanged
    /// (`-0` becomes `0`), everything else through `float.__repr__`.
    static func pythonNumber(_ text: String) -> String {
        let isInteger = !text.isEmpty && text.allSatisfy { $0 == "-" || $0.isASCII && $0.isNumber }
        if isInteger {
            var digits = Substring(text)
            var negative = false
            if digits.first == "-" {
                negative = true
                digits = digits.dropFirst()
            }
            let trimmed = digits.drop(while: { $0 == "0" })
            if trimmed.isEmpty { return "0" }
            return (negative ? "-" : "") + trimmed
        }
        guard let d = Double(text) else { return text }
        return pythonFloatRepr(d)
    }

    /// Python's `repr(float)`: shortest round-trip digits, fixed notation when the decimal
    /// exponent is in [-4, 16), scientific (`1e+16`, `1.5e-05`) otherwise.
    public static func pythonFloatRepr(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description also prints the shortest round-trip digits; only the layout differs.
        var text = Substring(d.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var intPart = text
        var fracPart: Substring = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = text[..<dot]
            fracPart = text[text.index(after: dot)...]
        }
        var digits = Array(intPart + fracPart)
        // value = 0.d1d2d3... × 10^decpt
        var decpt = intPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            decpt -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return "0.0" }
        let sign = d < 0 ? "-" : ""
        if decpt > -4 && decpt <= 16 {
            var s: String
            if decpt <= 0 {
                s = "0." + String(repeating: "0", count: -decpt) + String(digits)
            } else if decpt >= digits.count {
                s = String(digits) + String(repeating: "0", count: decpt - digits.count) + ".0"
            } else {
                s = String(digits[..<decpt]) + "." + String(digits[decpt...])
            }
            s = sign + s
            return s
        }
        let e = decpt - 1
        var mantissa = String(digits[0])
        if digits.count > 1 { mantissa += "." + String(digits[1...]) }
        let expText = String(abs(e))
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + (expText.count < 2 ? "0" : "") + expText
    }
}
