/// The kinds of token the lexer produces.
///
/// Literal tokens (names, numbers, strings) carry only their span; the parser reads and decodes
/// their text from the source bytes when it needs it, so lexing allocates nothing per token.
enum TokenKind: UInt8, Sendable {
    case name, number, string
    /// End of a logical line.
    case newline
    case indent, dedent
    case endOfFile
    /// Stands where lexing stopped at an error; the lexer's diagnostic says what went wrong.
    case error

    // Brackets and punctuation.
    case lpar, rpar, lsqb, rsqb, lbrace, rbrace
    case colon, comma, semi, dot, ellipsis, rarrow, colonEqual, equal, exclamation

    // Operators.
    case plus, minus, star, slash, doubleSlash, percent, doubleStar, at
    case vbar, amper, circumflex, tilde, leftShift, rightShift
    case less, greater, lessEqual, greaterEqual, equalEqual, notEqual

    // Augmented assignment.
    case plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual, doubleStarEqual
    case atEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual, rightShiftEqual

    // Keywords.
    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield

    /// Tokens that only shape the layout of lines, not their content.
    var isLayout: Bool {
        self == .newline || self == .indent || self == .dedent || self == .endOfFile
    }
}

/// One token: its kind and the half-open range of UTF-8 byte offsets it covers.
struct Token: Sendable {
    var kind: TokenKind
    var start: Int
    var end: Int

    var span: Span { Span(start: start, end: end) }
}

/// Keyword lookup without allocation: an ASCII identifier of at most 8 bytes is packed
/// little-endian into a `UInt64` (identifiers contain no zero bytes, so packing is unique)
/// and switched on.
enum Keywords {
    /// The keyword spelled by `b[start..<end]`, if any.
    static func lookup(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind? {
        let n = end - start
        guard n >= 2, n <= 8 else { return nil }
        var packed: UInt64 = 0
        for k in 0..<n {
            packed |= UInt64(b[start + k]) << UInt64(8 * k)
        }
        return switch packed {
        case 0x00000065736C6146: .kwFalse  // False
        case 0x00000000656E6F4E: .kwNone  // None
        case 0x0000000065757254: .kwTrue  // True
        case 0x0000000000646E61: .kwAnd  // and
        case 0x0000000000007361: .kwAs  // as
        case 0x0000747265737361: .kwAssert  // assert
        case 0x000000636E797361: .kwAsync  // async
        case 0x0000007469617761: .kwAwait  // await
        case 0x0000006B61657262: .kwBreak  // break
        case 0x0000007373616C63: .kwClass  // class
        case 0x65756E69746E6F63: .kwContinue  // continue
        case 0x0000000000666564: .kwDef  // def
        case 0x00000000006C6564: .kwDel  // del
        case 0x0000000066696C65: .kwElif  // elif
        case 0x0000000065736C65: .kwElse  // else
        case 0x0000747065637865: .kwExcept  // except
        case 0x00796C6C616E6966: .kwFinally  // finally
        case 0x0000000000726F66: .kwFor  // for
        case 0x000000006D6F7266: .kwFrom  // from
        case 0x00006C61626F6C67: .kwGlobal  // global
        case 0x0000000000006669: .kwIf  // if
        case 0x000074726F706D69: .kwImport  // import
        case 0x0000000000006E69: .kwIn  // in
        case 0x0000000000007369: .kwIs  // is
        case 0x00006164626D616C: .kwLambda  // lambda
        case 0x6C61636F6C6E6F6E: .kwNonlocal  // nonlocal
        case 0x0000000000746F6E: .kwNot  // not
        case 0x000000000000726F: .kwOr  // or
        case 0x0000000073736170: .kwPass  // pass
        case 0x0000006573696172: .kwRaise  // raise
        case 0x00006E7275746572: .kwReturn  // return
        case 0x0000000000797274: .kwTry  // try
        case 0x000000656C696877: .kwWhile  // while
        case 0x0000000068746977: .kwWith  // with
        case 0x000000646C656979: .kwYield  // yield
        default: nil
        }
    }
}
