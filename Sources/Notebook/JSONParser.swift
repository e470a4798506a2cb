/// A strict JSON (RFC 8259) reader that keeps member order and number text, and reports
/// the line and column of the first error. Used for cell metadata and `.ipynb` import.
public struct JSONParser {
    /// A syntax error at a 1-based line and column of the parsed text.
    public struct SyntaxError: Error, Equatable, Sendable {
        /// 1-based line in the parsed text.
        public var line: Int
        /// 1-based column (in UTF-8 bytes) in the parsed text.
        public var column: Int
        /// What was wrong.
        public var message: String
    }

    private let bytes: [UInt8]
    private var pos: Int
    /// When set, the 1-based start lines of the elements of the root object's array member
    /// with this key are collected in `recordedLines`.
    private var recordKey: String?
    private var recordedLines: [Int] = []

    /// Parses a whole document: one value, surrounded only by whitespace.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), pos: 0)
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.pos = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.pos < parser.bytes.count { throw parser.error("extra data after the JSON value") }
        return value
    }

    /// Parses a whole document like `parse`, and also returns the 1-based start line of each
    /// element of the root object's array member `key` (e.g. a notebook's `cells`).
    public static func parse(_ text: String, elementLinesOf key: String) throws(SyntaxError) -> (JSONValue, [Int]) {
        var parser = JSONParser(bytes: Array(text.utf8), pos: 0)
        parser.recordKey = key
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.pos = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.pos < parser.bytes.count { throw parser.error("extra data after the JSON value") }
        return (value, parser.recordedLines)
    }

    /// Line counting resumes where it last stopped (positions only grow).
    private var scannedTo = 0
    private var scannedLine = 1

    private mutating func currentLine() -> Int {
        while scannedTo < min(pos, bytes.count) {
            if bytes[scannedTo] == UInt8(ascii: "\n") { scannedLine += 1 }
            scannedTo += 1
        }
        return scannedLine
    }

    /// Parses one value at the start of `text` and returns it with the number of UTF-8 bytes
    /// it used (leading whitespace included, trailing text left alone).
    public static func parsePrefix(_ text: Substring) throws(SyntaxError) -> (value: JSONValue, byteCount: Int) {
        var parser = JSONParser(bytes: Array(text.utf8), pos: 0)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        return (value, parser.pos)
    }

    private init(bytes: [UInt8], pos: Int) {
        self.bytes = bytes
        self.pos = pos
    }

    private func error(_ message: String) -> SyntaxError {
        var line = 1
        var column = 1
        var i = 0
        while i < pos && i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    private var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    private mutating func skipWhitespace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 }
    }

    private mutating func expectLiteral(_ word: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
        let w = Array(word.utf8)
        if pos + w.count <= bytes.count && Array(bytes[pos..<pos + w.count]) == w {
            pos += w.count
            return value
        }
        throw error("expected a JSON value")
    }

    private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < 512 else { throw error("JSON nested too deeply") }
        guard let b = peek else { throw error("unexpected end of JSON text") }
        switch b {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expectLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try expectLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try expectLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("expected a JSON value")
        }
    }

    private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
        pos += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            pos += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a string key in JSON object") }
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after JSON object key") }
            pos += 1
            skipWhitespace()
            let record = depth == 0 && key == recordKey && peek == UInt8(ascii: "[")
            let value = record ? try parseArray(depth: depth + 1, recording: true) : try parseValue(depth: depth + 1)
            members.append(JSONMember(key, value))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "}"):
                pos += 1
                return .object(members)
            default: throw error("expected ',' or '}' in JSON object")
            }
        }
    }

    private mutating func parseArray(depth: Int, recording: Bool = false) throws(SyntaxError) -> JSONValue {
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            pos += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            if recording { recordedLines.append(currentLine()) }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"):
                pos += 1
                return .array(items)
            default: throw error("expected ',' or ']' in JSON array")
            }
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> JSONValue {
        let start = pos
        if peek == UInt8(ascii: "-") { pos += 1 }
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        guard isDigit(peek) else { throw error("invalid JSON number") }
        if peek == UInt8(ascii: "0") {
            pos += 1
        } else {
            while isDigit(peek) { pos += 1 }
        }
        if peek == UInt8(ascii: ".") {
            pos += 1
            guard isDigit(peek) else { throw error("invalid JSON number") }
            while isDigit(peek) { pos += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            pos += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { pos += 1 }
            guard isDigit(peek) else { throw error("invalid JSON number") }
            while isDigit(peek) { pos += 1 }
        }
        return .number(String(decoding: bytes[start..<pos], as: UTF8.self))
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let b = peek else { throw error("unexpected end of JSON text in \\u escape") }
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("invalid \\u escape in JSON string")
            }
            v = v * 16 + d
            pos += 1
        }
        return v
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let b = peek else { throw error("unterminated JSON string") }
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                pos += 1
                guard let e = peek else { throw error("unterminated JSON string") }
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if code >= 0xD800 && code < 0xDC00,
                       pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save
                        }
                    }
                    // A lone surrogate cannot live in a Swift string: it becomes U+FFFD.
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    pos -= 1
                    throw error("invalid escape in JSON string")
                }
            case 0x00..<0x20:
                throw error("invalid control character in JSON string")
            default:
                out.append(b)
                pos += 1
            }
        }
    }
}
