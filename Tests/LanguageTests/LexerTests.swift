import Testing
@testable import Language

/// Token streams, as `kind:text` (layout tokens by kind only).
struct LexerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        var expected: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "simple", source: "x = 1", expected: "name:x equal:= number:1 newline endOfFile"),
        Case(id: "keywords", source: "if not x: pass", expected: "kwIf:if kwNot:not name:x colon:: kwPass:pass newline endOfFile"),
        Case(id: "indent-dedent", source: "if x:\n    y\nz\n",
             expected: "kwIf:if name:x colon:: newline indent name:y newline dedent name:z newline endOfFile"),
        Case(id: "dedent-at-eof", source: "if x:\n  if y:\n    z",
             expected: "kwIf:if name:x colon:: newline indent kwIf:if name:y colon:: newline indent name:z newline dedent dedent endOfFile"),
        Case(id: "blank-and-comment-lines", source: "a\n\n   \n  # c\nb",
             expected: "name:a newline name:b newline endOfFile"),
        Case(id: "brackets-join-lines", source: "f(1,\n  2)\n",
             expected: "name:f lpar:( number:1 comma:, number:2 rpar:) newline endOfFile"),
        Case(id: "backslash-join", source: "a = \\\n  1", expected: "name:a equal:= number:1 newline endOfFile"),
        Case(id: "operators", source: "** //= -> := ... != <<= @= ~",
             expected: "doubleStar:** doubleSlashEqual://= rarrow:-> colonEqual::= ellipsis:... notEqual:!= leftShiftEqual:<<= atEqual:@= tilde:~ newline endOfFile"),
        Case(id: "numbers", source: "0x1F 0o7 0b1 1_000 3e-2 1. .5 2j 1E+3J",
             expected: "number:0x1F number:0o7 number:0b1 number:1_000 number:3e-2 number:1. number:.5 number:2j number:1E+3J newline endOfFile"),
        Case(id: "string-prefixes", source: "r'a' b\"b\" f'c' Rb'd' u'e' '''f''' \"\"",
             expected: "string:r'a' string:b\"b\" string:f'c' string:Rb'd' string:u'e' string:'''f''' string:\"\" newline endOfFile"),
        Case(id: "escaped-quote", source: #"'a\'b'"#, expected: #"string:'a\'b' newline endOfFile"#),
        Case(id: "unicode-identifier", source: "变量 = résumé", expected: "name:变量 equal:= name:résumé newline endOfFile"),
        Case(id: "comment-with-chinese", source: "x  # 中文注释", expected: "name:x newline endOfFile"),
        Case(id: "error-stops", source: "a 'b", expected: "name:a error endOfFile !unterminated string literal (detected at line 1)"),
        Case(id: "unclosed", source: "(a", expected: "lpar:( name:a error endOfFile !'(' was never closed"),
        Case(id: "tab-stops", source: "if x:\n\ty\n        z",
             expected: "kwIf:if name:x colon:: newline indent name:y newline error endOfFile !inconsistent use of tabs and spaces in indentation"),
        Case(id: "formfeed-resets-column", source: "if x:\n    y\n\u{0C}    z",
             expected: "kwIf:if name:x colon:: newline indent name:y newline name:z newline dedent endOfFile"),
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) {
        #expect(lexed(c.source) == c.expected, "\(c.id)")
    }

    @Test func tooManyIndentationLevels() {
        var text = ""
        for level in 0..<101 {
            text += String(repeating: " ", count: level) + "if x:\n"
        }
        text += String(repeating: " ", count: 101) + "pass\n"
        let d = diagnostic(text)
        #expect(d?.message == "too many levels of indentation")
        #expect(d?.kind == .indentation)
    }

    @Test func spansAreUTF8Offsets() {
        let source = SourceFile(name: "t", text: "é=1")
        let tokens = Lexer.tokenize(source).tokens
        #expect(tokens[0].span == Span(start: 0, end: 2))
        #expect(tokens[1].span == Span(start: 2, end: 3))
    }
}
