/// What lexing a source range produced.
struct LexResult: Sendable {
    /// Tokens in order. Always ends with `.endOfFile`; when lexing failed, an `.error` token
    /// stands just before it, at the point where the lexer stopped.
    var tokens: [Token]
    /// The first lexical error, if any. Tokens before it are valid.
    var error: Diagnostic?
    /// True when the input ended inside an indented block (the block rule of `isIncompleteInput`).
    var openBlockAtEnd: Bool
}

/// Python's tokenizer over UTF-8 bytes: INDENT/DEDENT from leading whitespace, implicit line
/// joining inside brackets and after `\`, comments, numbers, strings (as single tokens, prefix
/// and quotes included; decoding happens in the parser), operators and keywords.
///
/// Runs on every REPL completeness check, so it works on raw bytes: no regexes, no `Character`s.
/// Stops at the first error; the parser decides whether an earlier syntax error wins.
struct Lexer {
    /// Deepest bracket nesting allowed (CPython's MAXLEVEL).
    static let maxBracketDepth = 200
    /// Deepest block indentation allowed (CPython's MAXINDENT).
    static let maxIndentDepth = 100

    private let source: SourceFile
    private let b: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var i: Int
    /// Lexing an f-string replacement field: newlines are whitespace and no layout tokens appear.
    private let expressionMode: Bool
    private var tokens: [Token] = []
    private var error: Diagnostic?
    private var brackets: [(byte: UInt8, offset: Int)] = []
    private var indents: [Int] = [0]
    /// Indentation measured with tab size 1, to detect inconsistent tabs and spaces.
    private var altIndents: [Int] = [0]
    private var atLineStart: Bool
    /// A token was emitted on the current logical line, so a NEWLINE is due at its end.
    private var lineHasTokens = false
    private var afterContinuation = false
    private var lastTokenEnd: Int
    private var openBlockAtEnd = false

    private init(source: SourceFile, buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, expressionMode: Bool) {
        self.source = source
        self.b = buffer
        self.end = end
        self.i = start
        self.expressionMode = expressionMode
        self.atLineStart = !expressionMode
        self.lastTokenEnd = start
        tokens.reserveCapacity((end - start) / 3 + 8)
    }

    /// Tokenizes `source.bytes[start..<end]` (the whole source by default).
    static func tokenize(_ source: SourceFile, from start: Int = 0, to end: Int? = nil, expressionMode: Bool = false) -> LexResult {
        source.bytes.withUnsafeBufferPointer { buffer in
            let stop = min(end ?? buffer.count, buffer.count)
            var lexer = Lexer(source: source, buffer: buffer, start: min(max(0, start), stop), end: stop,
                              expressionMode: expressionMode)
            lexer.run()
            return LexResult(tokens: lexer.tokens, error: lexer.error, openBlockAtEnd: lexer.openBlockAtEnd)
        }
    }

    // MARK: - Driver

    private mutating func run() {
        while error == nil {
            if atLineStart {
                startLine()
                if error != nil { break }
                if atLineStart { if i >= end { break } else { continue } }
            }
            while i < end {
                let c = b[i]
                if c == 0x20 || c == 0x09 || c == 0x0C || c == 0x0D { i += 1 } else { break }
            }
            guard i < end else { break }
            let c = b[i]
            switch c {
            case UInt8(ascii: "#"):
                while i < end && b[i] != 0x0A { i += 1 }
            case 0x0A:
                if brackets.isEmpty && !expressionMode {
                    if lineHasTokens {
                        emitLayout(.newline, i, i + 1)
                        lineHasTokens = false
                    }
                    atLineStart = true
                }
                i += 1
            case UInt8(ascii: "\\"):
                continuation()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                identifierOrString()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number()
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                string(tokenStart: i, quoteAt: i)
            case UInt8(ascii: "."):
                if i + 1 < end, isDigit(b[i + 1]) {
                    number()
                } else if i + 2 < end, b[i + 1] == c, b[i + 2] == c {
                    emit(.ellipsis, i, i + 3)
                } else {
                    emit(.dot, i, i + 1)
                }
            case 0x80...0xFF:
                identifierOrString()
            default:
                operatorToken(c)
            }
        }
        finish()
    }

    /// Measures the indentation of a new line, skipping blank and comment-only lines, and emits
    /// INDENT/DEDENT as needed. Leaves `atLineStart` set when it consumed a blank line.
    private mutating func startLine() {
        let lineStart = i
        var col = 0
        var alt = 0
        var j = i
        scan: while j < end {
            switch b[j] {
            case 0x20: col += 1; alt += 1
            case 0x09: col = (col / 8 + 1) * 8; alt += 1
            case 0x0C: col = 0; alt = 0
            default: break scan
            }
            j += 1
        }
        guard j < end else {
            i = j
            return
        }
        let c = b[j]
        if c == UInt8(ascii: "#") || c == 0x0A || c == 0x0D {
            while j < end && b[j] != 0x0A { j += 1 }
            i = min(j + 1, end)
            return
        }
        atLineStart = false
        i = j
        let top = indents[indents.count - 1]
        if col == top {
            if alt != altIndents[altIndents.count - 1] { tabError(lineStart) }
        } else if col > top {
            if indents.count > Lexer.maxIndentDepth {
                fail(.indentation, "too many levels of indentation", Span(start: lineStart, end: lineStart + 1))
                return
            }
            if alt <= altIndents[altIndents.count - 1] {
                tabError(lineStart)
                return
            }
            indents.append(col)
            altIndents.append(alt)
            emitLayout(.indent, lineStart, j)
        } else {
            while indents.count > 1 && col < indents[indents.count - 1] {
                indents.removeLast()
                altIndents.removeLast()
                emitLayout(.dedent, j, j)
            }
            if col != indents[indents.count - 1] {
                var lineEnd = j
                while lineEnd < end && b[lineEnd] != 0x0A { lineEnd += 1 }
                fail(.indentation, "unindent does not match any outer indentation level",
                     Span(start: lineEnd, end: lineEnd))
                return
            }
            if alt != altIndents[altIndents.count - 1] { tabError(lineStart) }
        }
    }

    private mutating func tabError(_ lineStart: Int) {
        fail(.tab, "inconsistent use of tabs and spaces in indentation", Span(start: lineStart, end: lineStart + 1))
    }

    private mutating func continuation() {
        if i + 1 < end, b[i + 1] == 0x0A {
            i += 2
            afterContinuation = true
        } else if i + 2 < end, b[i + 1] == 0x0D, b[i + 2] == 0x0A {
            i += 3
            afterContinuation = true
        } else if i + 1 >= end {
            fail(.unexpectedEOF, "unexpected EOF while parsing", Span(start: i, end: i + 1))
        } else {
            fail(.syntax, "unexpected character after line continuation character", Span(start: i + 1, end: i + 2))
        }
    }

    private mutating func finish() {
        if error == nil && afterContinuation && i >= end && !expressionMode {
            fail(.unexpectedEOF, "unexpected EOF while parsing", Span(start: max(0, end - 1), end: end))
        }
        if error == nil, let open = brackets.last {
            fail(.unexpectedEOF, "'\(Character(Unicode.Scalar(open.byte)))' was never closed",
                 Span(start: open.offset, end: open.offset + 1))
        }
        openBlockAtEnd = indents.count > 1
        if let error {
            tokens.append(Token(kind: .error, start: error.span.start, end: error.span.end))
            tokens.append(Token(kind: .endOfFile, start: lastTokenEnd, end: lastTokenEnd))
            return
        }
        if !expressionMode {
            if lineHasTokens { emitLayout(.newline, lastTokenEnd, lastTokenEnd) }
            while indents.count > 1 {
                indents.removeLast()
                emitLayout(.dedent, lastTokenEnd, lastTokenEnd)
            }
        }
        tokens.append(Token(kind: .endOfFile, start: lastTokenEnd, end: lastTokenEnd))
    }

    // MARK: - Emitting

    private mutating func emit(_ kind: TokenKind, _ start: Int, _ stop: Int) {
        tokens.append(Token(kind: kind, start: start, end: stop))
        lastTokenEnd = stop
        lineHasTokens = true
        afterContinuation = false
        i = stop
    }

    private mutating func emitLayout(_ kind: TokenKind, _ start: Int, _ stop: Int) {
        tokens.append(Token(kind: kind, start: start, end: stop))
    }

    private mutating func fail(_ kind: Diagnostic.Kind, _ message: String, _ span: Span) {
        guard error == nil else { return }
        error = Diagnostic(kind: kind, message: message, span: span, source: source)
    }

    // MARK: - Names and strings

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private func isASCIIIdentifierContinue(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    /// Decodes the scalar whose UTF-8 encoding starts at `j` (input is valid UTF-8: SourceFile
    /// holds a String). Returns the scalar value and its byte length.
    private func scalar(at j: Int) -> (UInt32, Int) {
        let c0 = UInt32(b[j])
        if c0 < 0x80 { return (c0, 1) }
        func cont(_ k: Int) -> UInt32 { j + k < end ? UInt32(b[j + k] & 0x3F) : 0 }
        if c0 >= 0xF0 { return (((c0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4) }
        if c0 >= 0xE0 { return (((c0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3) }
        if c0 >= 0xC0 { return (((c0 & 0x1F) << 6) | cont(1), 2) }
        return (0xFFFD, 1)
    }

    private mutating func identifierOrString() {
        let start = i
        var j = i
        var ascii = true
        while j < end {
            let c = b[j]
            if isASCIIIdentifierContinue(c) {
                j += 1
            } else if c >= 0x80 {
                let (value, length) = scalar(at: j)
                let properties = Unicode.Scalar(value)?.properties
                let ok = j == start ? (properties?.isXIDStart ?? false) : (properties?.isXIDContinue ?? false)
                if !ok {
                    if j == start {
                        invalidCharacter(value, at: j, length: length)
                        return
                    }
                    break
                }
                ascii = false
                j += min(length, end - j)
            } else {
                break
            }
        }
        if ascii, j < end, j - start <= 2, b[j] == UInt8(ascii: "'") || b[j] == UInt8(ascii: "\""),
           isStringPrefix(start, j) {
            string(tokenStart: start, quoteAt: j)
            return
        }
        if ascii, let keyword = Keywords.lookup(b, start, j) {
            emit(keyword, start, j)
        } else {
            emit(.name, start, j)
        }
    }

    private func isStringPrefix(_ start: Int, _ stop: Int) -> Bool {
        var r = false, bytes = false, f = false, u = false
        for k in start..<stop {
            switch b[k] | 0x20 {
            case UInt8(ascii: "r"): if r { return false }; r = true
            case UInt8(ascii: "b"): if bytes { return false }; bytes = true
            case UInt8(ascii: "f"): if f { return false }; f = true
            case UInt8(ascii: "u"): if u { return false }; u = true
            default: return false
            }
        }
        if u { return stop - start == 1 }
        return !(bytes && f)
    }

    private mutating func invalidCharacter(_ value: UInt32, at j: Int, length: Int) {
        let span = Span(start: j, end: j + length)
        guard let scalar = Unicode.Scalar(value) else {
            fail(.syntax, "invalid syntax", span)
            return
        }
        let hex = String(value, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse,
             .unassigned, .surrogate:
            fail(.syntax, "invalid non-printable character U+\(code)", span)
        default:
            fail(.syntax, "invalid character '\(Character(scalar))' (U+\(code))", span)
        }
    }

    /// Scans a string literal whose opening quote is at `quoteAt` (any prefix starts at `tokenStart`).
    private mutating func string(tokenStart: Int, quoteAt: Int) {
        let quote = b[quoteAt]
        var j = quoteAt + 1
        let triple = j + 1 < end && b[j] == quote && b[j + 1] == quote
        if triple { j += 2 }
        while true {
            if j >= end {
                if triple {
                    let detected = source.line(of: max(tokenStart, end - 1))
                    fail(.unexpectedEOF, "unterminated triple-quoted string literal (detected at line \(detected))",
                         Span(start: tokenStart, end: tokenStart + 1))
                } else {
                    fail(.syntax, "unterminated string literal (detected at line \(source.line(of: max(tokenStart, end - 1))))",
                         Span(start: tokenStart, end: tokenStart + 1))
                }
                i = end
                return
            }
            let c = b[j]
            if c == UInt8(ascii: "\\") {
                if j + 2 < end, b[j + 1] == 0x0D, b[j + 2] == 0x0A { j += 3 } else { j += 2 }
                continue
            }
            if c == quote {
                if !triple {
                    j += 1
                    break
                }
                if j + 2 < end, b[j + 1] == quote, b[j + 2] == quote {
                    j += 3
                    break
                }
                j += 1
                continue
            }
            if c == 0x0A && !triple {
                fail(.syntax, "unterminated string literal (detected at line \(source.line(of: j)))",
                     Span(start: tokenStart, end: tokenStart + 1))
                i = end
                return
            }
            j += 1
        }
        emit(.string, tokenStart, j)
    }

    // MARK: - Numbers

    private mutating func number() {
        let start = i
        var j = i
        if b[j] == UInt8(ascii: "0"), j + 1 < end, b[j + 1] | 0x20 == UInt8(ascii: "x") || b[j + 1] | 0x20 == UInt8(ascii: "o")
            || b[j + 1] | 0x20 == UInt8(ascii: "b") {
            let marker = b[j + 1] | 0x20
            let (radix, name): (UInt8, String) = marker == UInt8(ascii: "x") ? (16, "hexadecimal")
                : marker == UInt8(ascii: "o") ? (8, "octal") : (2, "binary")
            j += 2
            func isRadixDigit(_ c: UInt8) -> Bool {
                switch radix {
                case 16: return isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
                case 8: return c >= 0x30 && c <= 0x37
                default: return c == 0x30 || c == 0x31
                }
            }
            while true {
                if j < end, b[j] == UInt8(ascii: "_") { j += 1 }
                guard j < end, isRadixDigit(b[j]) else {
                    if j < end, isDigit(b[j]) {
                        fail(.syntax, "invalid digit '\(Character(Unicode.Scalar(b[j])))' in \(name) literal", Span(start: j, end: j + 1))
                    } else {
                        fail(.syntax, "invalid \(name) literal", Span(start: start, end: max(start + 1, j)))
                    }
                    return
                }
                while j < end, isRadixDigit(b[j]) { j += 1 }
                if !(j < end && b[j] == UInt8(ascii: "_")) { break }
            }
            if j < end, isDigit(b[j]) {
                fail(.syntax, "invalid digit '\(Character(Unicode.Scalar(b[j])))' in \(name) literal", Span(start: j, end: j + 1))
                return
            }
            if !checkNumberEnd(start, j, name) { return }
            emit(.number, start, j)
            return
        }
        var isInteger = true
        if b[j] != UInt8(ascii: ".") {
            guard let next = decimalDigits(j, start) else { return }
            j = next
        }
        if j < end, b[j] == UInt8(ascii: ".") {
            isInteger = false
            j += 1
            if j < end, isDigit(b[j]) {
                guard let next = decimalDigits(j, start) else { return }
                j = next
            }
        }
        if j < end, b[j] | 0x20 == UInt8(ascii: "e") {
            var k = j + 1
            if k < end, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-") { k += 1 }
            // Without digits the `e` is not an exponent; `checkNumberEnd` decides (`1else` is fine).
            if k < end, isDigit(b[k]) {
                guard let next = decimalDigits(k, start) else { return }
                j = next
                isInteger = false
            }
        }
        if j < end, b[j] | 0x20 == UInt8(ascii: "j") {
            j += 1
            isInteger = false
        }
        if isInteger, b[start] == UInt8(ascii: "0") {
            for k in start..<j where b[k] != UInt8(ascii: "0") && b[k] != UInt8(ascii: "_") {
                fail(.syntax, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                     Span(start: start, end: j))
                return
            }
        }
        if !checkNumberEnd(start, j, "decimal") { return }
        emit(.number, start, j)
    }

    /// Consumes `digit (_? digit)*` from `j`; fails with "invalid decimal literal" on a stray `_`.
    private mutating func decimalDigits(_ from: Int, _ start: Int) -> Int? {
        var j = from
        while true {
            while j < end, isDigit(b[j]) { j += 1 }
            guard j < end, b[j] == UInt8(ascii: "_") else { return j }
            j += 1
            guard j < end, isDigit(b[j]) else {
                fail(.syntax, "invalid decimal literal", Span(start: start, end: j))
                return nil
            }
        }
    }

    /// A number may not run into a name, except the keywords CPython still accepts there (`1if x else y`).
    private mutating func checkNumberEnd(_ start: Int, _ j: Int, _ name: String) -> Bool {
        guard j < end, isASCIIIdentifierContinue(b[j]) || b[j] >= 0x80 else { return true }
        var k = j
        while k < end, isASCIIIdentifierContinue(b[k]) { k += 1 }
        if let keyword = Keywords.lookup(b, j, k) {
            switch keyword {
            case .kwAnd, .kwElse, .kwFor, .kwIf, .kwIn, .kwIs, .kwNot, .kwOr: return true
            default: break
            }
        }
        fail(.syntax, "invalid \(name) literal", Span(start: start, end: j + 1))
        return false
    }

    // MARK: - Operators

    private func next(_ offset: Int) -> UInt8 { i + offset < end ? b[i + offset] : 0 }

    private mutating func operatorToken(_ c: UInt8) {
        let s = i
        let c1 = next(1)
        let c2 = next(2)
        let eq = UInt8(ascii: "=")
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            if brackets.count >= Lexer.maxBracketDepth {
                fail(.syntax, "too many nested parentheses", Span(start: s, end: s + 1))
                return
            }
            brackets.append((c, s))
            emit(c == UInt8(ascii: "(") ? .lpar : c == UInt8(ascii: "[") ? .lsqb : .lbrace, s, s + 1)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            let closing = Character(Unicode.Scalar(c))
            guard let open = brackets.last else {
                fail(.syntax, "unmatched '\(closing)'", Span(start: s, end: s + 1))
                return
            }
            let expected: UInt8 = open.byte == UInt8(ascii: "(") ? UInt8(ascii: ")")
                : open.byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if c != expected {
                let openLine = source.line(of: open.offset)
                let suffix = openLine == source.line(of: s) ? "" : " on line \(openLine)"
                fail(.syntax, "closing parenthesis '\(closing)' does not match opening parenthesis '\(Character(Unicode.Scalar(open.byte)))'\(suffix)",
                     Span(start: s, end: s + 1))
                return
            }
            brackets.removeLast()
            emit(c == UInt8(ascii: ")") ? .rpar : c == UInt8(ascii: "]") ? .rsqb : .rbrace, s, s + 1)
        case UInt8(ascii: ":"):
            if c1 == eq { emit(.colonEqual, s, s + 2) } else { emit(.colon, s, s + 1) }
        case UInt8(ascii: ","): emit(.comma, s, s + 1)
        case UInt8(ascii: ";"): emit(.semi, s, s + 1)
        case UInt8(ascii: "+"): c1 == eq ? emit(.plusEqual, s, s + 2) : emit(.plus, s, s + 1)
        case UInt8(ascii: "-"):
            if c1 == eq { emit(.minusEqual, s, s + 2) } else if c1 == UInt8(ascii: ">") { emit(.rarrow, s, s + 2) } else { emit(.minus, s, s + 1) }
        case UInt8(ascii: "*"):
            if c1 == c { c2 == eq ? emit(.doubleStarEqual, s, s + 3) : emit(.doubleStar, s, s + 2) }
            else { c1 == eq ? emit(.starEqual, s, s + 2) : emit(.star, s, s + 1) }
        case UInt8(ascii: "/"):
            if c1 == c { c2 == eq ? emit(.doubleSlashEqual, s, s + 3) : emit(.doubleSlash, s, s + 2) }
            else { c1 == eq ? emit(.slashEqual, s, s + 2) : emit(.slash, s, s + 1) }
        case UInt8(ascii: "%"): c1 == eq ? emit(.percentEqual, s, s + 2) : emit(.percent, s, s + 1)
        case UInt8(ascii: "@"): c1 == eq ? emit(.atEqual, s, s + 2) : emit(.at, s, s + 1)
        case UInt8(ascii: "|"): c1 == eq ? emit(.vbarEqual, s, s + 2) : emit(.vbar, s, s + 1)
        case UInt8(ascii: "&"): c1 == eq ? emit(.amperEqual, s, s + 2) : emit(.amper, s, s + 1)
        case UInt8(ascii: "^"): c1 == eq ? emit(.circumflexEqual, s, s + 2) : emit(.circumflex, s, s + 1)
        case UInt8(ascii: "~"): emit(.tilde, s, s + 1)
        case UInt8(ascii: "<"):
            if c1 == c { c2 == eq ? emit(.leftShiftEqual, s, s + 3) : emit(.leftShift, s, s + 2) }
            else if c1 == eq { emit(.lessEqual, s, s + 2) }
            else if c1 == UInt8(ascii: ">") { fail(.syntax, "invalid syntax", Span(start: s, end: s + 2)) }
            else { emit(.less, s, s + 1) }
        case UInt8(ascii: ">"):
            if c1 == c { c2 == eq ? emit(.rightShiftEqual, s, s + 3) : emit(.rightShift, s, s + 2) }
            else { c1 == eq ? emit(.greaterEqual, s, s + 2) : emit(.greater, s, s + 1) }
        case UInt8(ascii: "="): c1 == eq ? emit(.equalEqual, s, s + 2) : emit(.equal, s, s + 1)
        case UInt8(ascii: "!"): c1 == eq ? emit(.notEqual, s, s + 2) : emit(.exclamation, s, s + 1)
        case 0:
            fail(.syntax, "source code cannot contain null bytes", Span(start: s, end: s + 1))
        case 0x01...0x1F, 0x7F:
            invalidCharacter(UInt32(c), at: s, length: 1)
        default:
            // `$`, `?`, and the backtick: CPython reports these as plain invalid syntax.
            fail(.syntax, "invalid syntax", Span(start: s, end: s + 1))
        }
    }
}
