/// Number and string literals: decoding number tokens, string escapes, implicit concatenation,
/// and f-strings (whose replacement fields are parsed by a nested parser over the same source,
/// so their spans are real offsets).
extension RecursiveDescent {
    // MARK: - Numbers

    /// Decodes a number token the lexer has already validated.
    func parseNumber(_ t: Token) throws(ParseFailure) -> Expr {
        var digits: [UInt8] = []
        digits.reserveCapacity(t.end - t.start)
        for k in t.start..<t.end where source.bytes[k] != UInt8(ascii: "_") {
            digits.append(source.bytes[k])
        }
        let text = String(decoding: digits, as: UTF8.self)
        if digits.count > 2, digits[0] == UInt8(ascii: "0"), digits[1] | 0x20 == UInt8(ascii: "x")
            || digits[1] | 0x20 == UInt8(ascii: "o") || digits[1] | 0x20 == UInt8(ascii: "b") {
            let radix = digits[1] | 0x20 == UInt8(ascii: "x") ? 16 : digits[1] | 0x20 == UInt8(ascii: "o") ? 8 : 2
            let body = Array(digits[2...])
            if let value = Int(String(decoding: body, as: UTF8.self), radix: radix) {
                return Expr(.int(value), t.span)
            }
            return Expr(.bigInt(Self.decimalString(body, radix: radix)), t.span)
        }
        if let last = digits.last, last | 0x20 == UInt8(ascii: "j") {
            let value = Double(String(decoding: digits.dropLast(), as: UTF8.self)) ?? .infinity
            return Expr(.imaginary(value), t.span)
        }
        if digits.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) {
            return Expr(.float(Double(text) ?? .infinity), t.span)
        }
        if let value = Int(text) { return Expr(.int(value), t.span) }
        var start = 0
        while start < digits.count - 1, digits[start] == UInt8(ascii: "0") { start += 1 }
        return Expr(.bigInt(String(decoding: digits[start...], as: UTF8.self)), t.span)
    }

    /// Converts digits in `radix` to base 10 (for integer literals beyond 64 bits).
    static func decimalString(_ digits: [UInt8], radix: Int) -> String {
        // Little-endian limbs of base 1e9.
        var limbs: [UInt64] = [0]
        for d in digits {
            let value: UInt64 = d <= UInt8(ascii: "9") ? UInt64(d - UInt8(ascii: "0")) : UInt64((d | 0x20) - UInt8(ascii: "a") + 10)
            var carry = value
            for k in limbs.indices {
                let product = limbs[k] * UInt64(radix) + carry
                limbs[k] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(carry % 1_000_000_000)
                carry /= 1_000_000_000
            }
        }
        var out = String(limbs[limbs.count - 1])
        for limb in limbs.dropLast().reversed() {
            let s = String(limb)
            out += String(repeating: "0", count: 9 - s.count) + s
        }
        return out
    }

    // MARK: - Strings

    private enum Piece {
        case text(String)
        case bytes([UInt8])
        case formatted([FStringPart])
    }

    /// One or more adjacent string tokens, concatenated.
    mutating func parseStrings() throws(ParseFailure) -> Expr {
        let first = tok
        var pieces: [Piece] = []
        var sawBytes = false
        var sawText = false
        while at(.string) {
            let t = advance()
            let piece = try decodeString(t)
            if case .bytes = piece { sawBytes = true } else { sawText = true }
            pieces.append(piece)
        }
        let span = Span(start: first.start, end: lastEnd)
        if sawBytes && sawText {
            throw ParseFailure(kind: .syntax, message: messagePrefix + "cannot mix bytes and nonbytes literals", span: span, source: source)
        }
        if sawBytes {
            var all: [UInt8] = []
            for case .bytes(let b) in pieces { all += b }
            return Expr(.bytes(all), span)
        }
        guard pieces.contains(where: { if case .formatted = $0 { true } else { false } }) else {
            var all = ""
            for case .text(let s) in pieces { all += s }
            return Expr(.string(all), span)
        }
        var parts: [FStringPart] = []
        func appendLiteral(_ s: String) {
            guard !s.isEmpty else { return }
            if case .literal(let previous) = parts.last {
                parts[parts.count - 1] = .literal(previous + s)
            } else {
                parts.append(.literal(s))
            }
        }
        for piece in pieces {
            switch piece {
            case .text(let s): appendLiteral(s)
            case .bytes: break
            case .formatted(let inner):
                for part in inner {
                    switch part {
                    case .literal(let s): appendLiteral(s)
                    case .field: parts.append(part)
                    }
                }
            }
        }
        return Expr(.fstring(parts), span)
    }

    private mutating func decodeString(_ t: Token) throws(ParseFailure) -> Piece {
        let bytes = source.bytes
        var raw = false, isBytes = false, isFormatted = false
        var q = t.start
        while q < t.end, bytes[q] != UInt8(ascii: "'"), bytes[q] != UInt8(ascii: "\"") {
            switch bytes[q] | 0x20 {
            case UInt8(ascii: "r"): raw = true
            case UInt8(ascii: "b"): isBytes = true
            case UInt8(ascii: "f"): isFormatted = true
            default: break
            }
            q += 1
        }
        let quote = bytes[q]
        // A token opening with three quotes is triple-quoted; `""` is the only shorter one starting with two.
        let triple = t.end - q >= 6 && bytes[q + 1] == quote && bytes[q + 2] == quote
        let quoteLength = triple ? 3 : 1
        let contentStart = q + quoteLength
        let contentEnd = max(contentStart, t.end - quoteLength)
        if isFormatted {
            let (parts, _) = try fstringParts(contentStart, contentEnd, raw: raw, inSpec: false, nesting: 0, token: t)
            return .formatted(parts)
        }
        if isBytes {
            for k in contentStart..<contentEnd where bytes[k] >= 0x80 {
                throw error("bytes can only contain ASCII literal characters", t.span)
            }
            let content = Array(bytes[contentStart..<contentEnd])
            return .bytes(raw ? Self.normalizingNewlines(content) : try decodeEscapes(content, bytesLiteral: true, token: t))
        }
        let content = Array(bytes[contentStart..<contentEnd])
        let decoded = raw ? Self.normalizingNewlines(content) : try decodeEscapes(content, bytesLiteral: false, token: t)
        return .text(String(decoding: decoded, as: UTF8.self))
    }

    static func normalizingNewlines(_ content: [UInt8]) -> [UInt8] {
        guard content.contains(0x0D) else { return content }
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        for (k, c) in content.enumerated() where !(c == 0x0D && k + 1 < content.count && content[k + 1] == 0x0A) {
            out.append(c)
        }
        return out
    }

    private func unicodeError(_ detail: String, _ from: Int, _ to: Int, _ t: Token) -> ParseFailure {
        ParseFailure(kind: .syntax,
                   message: messagePrefix + "(unicode error) 'unicodeescape' codec can't decode bytes in position \(from)-\(to): \(detail)",
                   span: t.span, source: source)
    }

    /// Processes backslash escapes, producing UTF-8 (or raw bytes for a bytes literal).
    func decodeEscapes(_ content: [UInt8], bytesLiteral: Bool, token t: Token) throws(ParseFailure) -> [UInt8] {
        guard content.contains(UInt8(ascii: "\\")) else { return Self.normalizingNewlines(content) }
        var out: [UInt8] = []
        out.reserveCapacity(content.count)
        var k = 0
        func appendScalar(_ value: UInt32) {
            if bytesLiteral {
                out.append(UInt8(truncatingIfNeeded: value))
                return
            }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            out += Array(String(Character(scalar)).utf8)
        }
        func hexValue(_ c: UInt8) -> UInt32? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
        while k < content.count {
            let c = content[k]
            if c == 0x0D, k + 1 < content.count, content[k + 1] == 0x0A {
                k += 1
                continue
            }
            guard c == UInt8(ascii: "\\"), k + 1 < content.count else {
                out.append(c)
                k += 1
                continue
            }
            let e = content[k + 1]
            let escapeStart = k
            k += 2
            switch e {
            case 0x0A: break
            case 0x0D: if k < content.count, content[k] == 0x0A { k += 1 }
            case UInt8(ascii: "\\"): out.append(e)
            case UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(e - UInt8(ascii: "0"))
                var n = 1
                while n < 3, k < content.count, content[k] >= UInt8(ascii: "0"), content[k] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(content[k] - UInt8(ascii: "0"))
                    k += 1
                    n += 1
                }
                appendScalar(value)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                if bytesLiteral && e != UInt8(ascii: "x") {
                    out.append(UInt8(ascii: "\\"))
                    out.append(e)
                    continue
                }
                let count = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                var n = 0
                while n < count, k < content.count, let h = hexValue(content[k]) {
                    value = value * 16 + h
                    k += 1
                    n += 1
                }
                if n < count {
                    if bytesLiteral {
                        throw ParseFailure(kind: .syntax, message: messagePrefix + "(value error) invalid \\x escape at position \(escapeStart)",
                                         span: t.span, source: source)
                    }
                    let name = e == UInt8(ascii: "x") ? "\\xXX" : e == UInt8(ascii: "u") ? "\\uXXXX" : "\\UXXXXXXXX"
                    throw unicodeError("truncated \(name) escape", escapeStart, k - 1, t)
                }
                if value > 0x10FFFF {
                    throw unicodeError("illegal Unicode character", escapeStart, k - 1, t)
                }
                appendScalar(value)
            case UInt8(ascii: "N") where !bytesLiteral:
                guard k < content.count, content[k] == UInt8(ascii: "{"),
                      let close = content[k...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw unicodeError("malformed \\N character escape", escapeStart, min(k, content.count - 1), t)
                }
                let name = String(decoding: content[(k + 1)..<close], as: UTF8.self)
                guard let scalar = Self.scalar(named: name) else {
                    throw unicodeError("unknown Unicode character name", escapeStart, close, t)
                }
                appendScalar(scalar.value)
                k = close + 1
            default:
                // Unknown escapes keep their backslash (CPython only warns).
                out.append(UInt8(ascii: "\\"))
                k -= 1
            }
        }
        return out
    }

    /// Looks a character up by its Unicode name (`\N{...}`); a linear scan, as the escape is rare.
    static func scalar(named name: String) -> Unicode.Scalar? {
        let wanted = name.uppercased()
        guard !wanted.isEmpty, wanted.utf8.count < 100 else { return nil }
        for value in UInt32(0x20)...UInt32(0x10FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.name == wanted || scalar.properties.nameAlias == wanted { return scalar }
        }
        return nil
    }

    // MARK: - f-strings

    private func fstringError(_ message: String, _ at: Int, _ t: Token) -> ParseFailure {
        ParseFailure(kind: .syntax, message: "f-string: " + message, span: Span(start: at, end: min(at + 1, t.end)),
                   source: source)
    }

    /// Literal text and fields from `from` up to `to`, or (in a format spec) up to the `}` that
    /// closes the field; returns the parts and where scanning stopped.
    private mutating func fstringParts(_ from: Int, _ to: Int, raw: Bool, inSpec: Bool, nesting: Int,
                                       token t: Token) throws(ParseFailure) -> ([FStringPart], Int) {
        let bytes = source.bytes
        var parts: [FStringPart] = []
        var literal: [UInt8] = []
        var i = from
        func flush(_ decode: ([UInt8]) throws(ParseFailure) -> [UInt8]) throws(ParseFailure) {
            guard !literal.isEmpty else { return }
            parts.append(.literal(String(decoding: try decode(literal), as: UTF8.self)))
            literal.removeAll()
        }
        let decode: ([UInt8]) throws(ParseFailure) -> [UInt8] = { [self] (chunk: [UInt8]) throws(ParseFailure) -> [UInt8] in
            raw ? Self.normalizingNewlines(chunk) : try self.decodeEscapes(chunk, bytesLiteral: false, token: t)
        }
        while i < to {
            let c = bytes[i]
            if c == UInt8(ascii: "{") {
                if !inSpec, i + 1 < to, bytes[i + 1] == c {
                    literal.append(c)
                    i += 2
                    continue
                }
                try flush(decode)
                let (field, next) = try fstringField(i + 1, to, raw: raw, nesting: nesting, token: t)
                parts.append(field)
                i = next
                continue
            }
            if c == UInt8(ascii: "}") {
                if inSpec {
                    try flush(decode)
                    return (parts, i)
                }
                if i + 1 < to, bytes[i + 1] == c {
                    literal.append(c)
                    i += 2
                    continue
                }
                throw fstringError("single '}' is not allowed", i, t)
            }
            if c == UInt8(ascii: "\\"), !raw, i + 1 < to {
                let e = bytes[i + 1]
                if e == UInt8(ascii: "N"), i + 2 < to, bytes[i + 2] == UInt8(ascii: "{") {
                    var j = i + 3
                    while j < to, bytes[j] != UInt8(ascii: "}") { j += 1 }
                    literal += bytes[i..<min(j + 1, to)]
                    i = j + 1
                    continue
                }
                if e == UInt8(ascii: "{") || e == UInt8(ascii: "}") {
                    literal.append(c)
                    i += 1
                    continue
                }
                literal.append(c)
                literal.append(e)
                i += 2
                continue
            }
            literal.append(c)
            i += 1
        }
        if inSpec { throw fstringError("expecting '}'", max(from - 1, t.start), t) }
        try flush(decode)
        return (parts, i)
    }

    /// One replacement field starting after its `{`; returns the field and the offset after its `}`.
    private mutating func fstringField(_ from: Int, _ to: Int, raw: Bool, nesting: Int,
                                       token t: Token) throws(ParseFailure) -> (FStringPart, Int) {
        let bytes = source.bytes
        if nesting >= 2 { throw fstringError("expressions nested too deeply", from - 1, t) }
        var i = from
        var brackets: [UInt8] = []
        var quote: UInt8 = 0
        var tripleQuote = false
        var stop: UInt8 = 0
        while i < to {
            let c = bytes[i]
            if c == UInt8(ascii: "\\") {
                throw fstringError("expression part cannot include a backslash", i, t).withoutPrefixSpace()
            }
            if quote != 0 {
                if c == quote {
                    if !tripleQuote {
                        quote = 0
                    } else if i + 2 < to, bytes[i + 1] == quote, bytes[i + 2] == quote {
                        quote = 0
                        i += 2
                    }
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                quote = c
                tripleQuote = i + 2 < to && bytes[i + 1] == c && bytes[i + 2] == c
                if tripleQuote { i += 2 }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                brackets.append(c)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                if brackets.isEmpty {
                    if c == UInt8(ascii: "}") {
                        stop = c
                        break
                    }
                    throw fstringError("unmatched '\(Character(Unicode.Scalar(c)))'", i, t)
                }
                let open = brackets.removeLast()
                let expected: UInt8 = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                if c != expected {
                    throw fstringError("closing parenthesis '\(Character(Unicode.Scalar(c)))' does not match opening parenthesis '\(Character(Unicode.Scalar(open)))'", i, t)
                }
            case UInt8(ascii: "#"):
                throw fstringError("expression part cannot include '#'", i, t).withoutPrefixSpace()
            case UInt8(ascii: "!") where brackets.isEmpty && !(i + 1 < to && bytes[i + 1] == UInt8(ascii: "=")):
                stop = c
            case UInt8(ascii: ":") where brackets.isEmpty:
                stop = c
            case UInt8(ascii: "=") where brackets.isEmpty:
                let nextIsEqual = i + 1 < to && bytes[i + 1] == c
                let previous = i > from ? bytes[i - 1] : 0
                let previousIsOperator = previous == c || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "<")
                    || previous == UInt8(ascii: ">")
                if nextIsEqual {
                    i += 1
                } else if !previousIsOperator {
                    stop = c
                }
            default:
                break
            }
            if stop != 0 { break }
            i += 1
        }
        if i >= to || stop == 0 {
            if quote != 0 { throw fstringError("unterminated string", from, t) }
            throw fstringError("expecting '}'", from - 1, t)
        }
        let expressionEnd = i
        var hasContent = false
        for k in from..<expressionEnd where !(bytes[k] == 0x20 || bytes[k] == 0x09 || bytes[k] == 0x0A || bytes[k] == 0x0D) {
            hasContent = true
            break
        }
        if !hasContent { throw fstringError("empty expression not allowed", from - 1, t) }
        let expression = try parseFieldExpression(from, expressionEnd)

        var debugText: String?
        if stop == UInt8(ascii: "=") {
            i += 1
            while i < to, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A { i += 1 }
            debugText = source.text(of: Span(start: from, end: i))
        }
        var conversion: Character?
        if i < to, bytes[i] == UInt8(ascii: "!") {
            guard i + 1 < to, bytes[i + 1] == UInt8(ascii: "r") || bytes[i + 1] == UInt8(ascii: "s") || bytes[i + 1] == UInt8(ascii: "a")
            else {
                throw fstringError("invalid conversion character: expected 's', 'r', or 'a'", min(i + 1, to - 1), t)
            }
            conversion = Character(Unicode.Scalar(bytes[i + 1]))
            i += 2
        }
        var spec: [FStringPart] = []
        if i < to, bytes[i] == UInt8(ascii: ":") {
            (spec, i) = try fstringParts(i + 1, to, raw: raw, inSpec: true, nesting: nesting + 1, token: t)
        }
        guard i < to, bytes[i] == UInt8(ascii: "}") else {
            throw fstringError("expecting '}'", min(i, to - 1), t)
        }
        // `{x=}` shows the repr unless a conversion or format spec says otherwise (as CPython).
        if debugText != nil && conversion == nil && spec.isEmpty { conversion = "r" }
        return (.field(expr: expression, conversion: conversion, spec: spec, debugText: debugText), i + 1)
    }

    /// Parses `source.bytes[from..<to]` as the expression of a replacement field.
    private func parseFieldExpression(_ from: Int, _ to: Int) throws(ParseFailure) -> Expr {
        let lexed = Lexer.tokenize(source, from: from, to: to, expressionMode: true)
        var parser = RecursiveDescent(source: source, lexed: lexed, depth: depth)
        parser.messagePrefix = "f-string: "
        parser.lastEnd = from
        let e = try parser.parseStarExpressions()
        guard parser.at(.endOfFile) else {
            // CPython parses the field inside parentheses, so the comma hint applies.
            try parser.checkMissingComma(after: e)
            throw parser.unexpected()
        }
        return e
    }
}

extension ParseFailure {
    /// CPython words some f-string errors as "f-string expression part ..." (no colon).
    func withoutPrefixSpace() -> ParseFailure {
        var d = diagnostic
        if d.message.hasPrefix("f-string: expression part") {
            d.message = "f-string " + d.message.dropFirst("f-string: ".count)
        }
        return ParseFailure(d)
    }
}
