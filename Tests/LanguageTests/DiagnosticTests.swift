import Testing
@testable import Language

/// Whole rendered diagnostics, CPython 3.11 wording and caret placement.
struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        var kind: Diagnostic.Kind
        var rendered: String
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "unterminated-string", source: "x = 'abc", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = 'abc
                    ^
            SyntaxError: unterminated string literal (detected at line 1)
            """),
        Case(id: "unterminated-string-newline", source: "x = \"abc\nfoo", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = "abc
                    ^
            SyntaxError: unterminated string literal (detected at line 1)
            """),
        Case(id: "unterminated-triple-quoted", source: "x = 1\ny = \"\"\"abc\ndef", kind: .unexpectedEOF, rendered: """
              Cell In[1], line 2
                y = \"\"\"abc
                    ^
            SyntaxError: unterminated triple-quoted string literal (detected at line 3)
            """),
        Case(id: "unclosed-bracket", source: "x = (1,", kind: .unexpectedEOF, rendered: """
              Cell In[1], line 1
                x = (1,
                    ^
            SyntaxError: '(' was never closed
            """),
        Case(id: "unclosed-bracket-beats-later-error", source: "x = (1,\ny = 2", kind: .unexpectedEOF, rendered: """
              Cell In[1], line 1
                x = (1,
                    ^
            SyntaxError: '(' was never closed
            """),
        Case(id: "unmatched-bracket", source: "x = 1)", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = 1)
                     ^
            SyntaxError: unmatched ')'
            """),
        Case(id: "mismatched-bracket", source: "x = [1, 2)", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = [1, 2)
                         ^
            SyntaxError: closing parenthesis ')' does not match opening parenthesis '['
            """),
        Case(id: "mismatched-bracket-other-line", source: "x = [1,\n 2)", kind: .syntax, rendered: """
              Cell In[1], line 2
                2)
                 ^
            SyntaxError: closing parenthesis ')' does not match opening parenthesis '[' on line 1
            """),
        Case(id: "unexpected-indent", source: "x = 1\n  y = 2", kind: .indentation, rendered: """
              Cell In[1], line 2
                y = 2
            IndentationError: unexpected indent
            """),
        Case(id: "unexpected-indent-in-block", source: "if x:\n    y\n      z", kind: .indentation, rendered: """
              Cell In[1], line 3
                z
            IndentationError: unexpected indent
            """),
        Case(id: "unindent-mismatch", source: "if x:\n    y\n  z", kind: .indentation, rendered: """
              Cell In[1], line 3
                z
                 ^
            IndentationError: unindent does not match any outer indentation level
            """),
        Case(id: "missing-block", source: "if x:\ny = 1", kind: .indentation, rendered: """
              Cell In[1], line 2
                y = 1
                ^
            IndentationError: expected an indented block after 'if' statement on line 1
            """),
        Case(id: "missing-block-def-at-eof", source: "def f():\n", kind: .unexpectedEOF, rendered: """
              Cell In[1], line 1
                def f():
                        ^
            IndentationError: expected an indented block after function definition on line 1
            """),
        Case(id: "missing-block-for", source: "for x in range(3):\npass", kind: .indentation, rendered: """
              Cell In[1], line 2
                pass
                ^^^^
            IndentationError: expected an indented block after 'for' statement on line 1
            """),
        Case(id: "invalid-target-call", source: "f() = 1", kind: .syntax, rendered: """
              Cell In[1], line 1
                f() = 1
                ^^^
            SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
            """),
        Case(id: "invalid-target-literal", source: "1 = x", kind: .syntax, rendered: """
              Cell In[1], line 1
                1 = x
                ^
            SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
            """),
        Case(id: "invalid-target-in-tuple", source: "a, f() = 1, 2", kind: .syntax, rendered: """
              Cell In[1], line 1
                a, f() = 1, 2
                   ^^^
            SyntaxError: cannot assign to function call
            """),
        Case(id: "invalid-target-chained", source: "a = b = f() = 3", kind: .syntax, rendered: """
              Cell In[1], line 1
                a = b = f() = 3
                        ^^^
            SyntaxError: cannot assign to function call
            """),
        Case(id: "invalid-target-true", source: "True = 1", kind: .syntax, rendered: """
              Cell In[1], line 1
                True = 1
                ^^^^
            SyntaxError: cannot assign to True
            """),
        Case(id: "invalid-target-literal-in-tuple", source: "(a, 1) = x", kind: .syntax, rendered: """
              Cell In[1], line 1
                (a, 1) = x
                    ^
            SyntaxError: cannot assign to literal
            """),
        Case(id: "invalid-aug-target", source: "f() += 1", kind: .syntax, rendered: """
              Cell In[1], line 1
                f() += 1
                ^^^
            SyntaxError: 'function call' is an illegal expression for augmented assignment
            """),
        Case(id: "invalid-for-target", source: "for f() in x: pass", kind: .syntax, rendered: """
              Cell In[1], line 1
                for f() in x: pass
                    ^^^
            SyntaxError: cannot assign to function call
            """),
        Case(id: "invalid-del-target", source: "del f()", kind: .syntax, rendered: """
              Cell In[1], line 1
                del f()
                    ^^^
            SyntaxError: cannot delete function call
            """),
        Case(id: "tab-error", source: "if x:\n\ty = 1\n        z = 2", kind: .tab, rendered: """
              Cell In[1], line 3
                z = 2
            TabError: inconsistent use of tabs and spaces in indentation
            """),
        Case(id: "too-deep-nesting", source: "x = " + String(repeating: "[", count: 201) + "]", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = \(String(repeating: "[", count: 201))]
                    \(String(repeating: " ", count: 200))^
            SyntaxError: too many nested parentheses
            """),
        Case(id: "missing-colon", source: "if x\n    pass", kind: .syntax, rendered: """
              Cell In[1], line 1
                if x
                    ^
            SyntaxError: expected ':'
            """),
        Case(id: "generic", source: "x = = 1", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = = 1
                    ^
            SyntaxError: invalid syntax
            """),
        Case(id: "generic-replaced-by-later-lexer-error", source: "x = = 1\ny = 'abc", kind: .syntax, rendered: """
              Cell In[1], line 2
                y = 'abc
                    ^
            SyntaxError: unterminated string literal (detected at line 2)
            """),
        Case(id: "forgot-comma", source: "def f(x):\n    return [\n        x,\n        y z\n    ]", kind: .syntax, rendered: """
              Cell In[1], line 4
                y z
                ^^^
            SyntaxError: invalid syntax. Perhaps you forgot a comma?
            """),
        Case(id: "positional-after-keyword", source: "f(a=1, b)", kind: .syntax, rendered: """
              Cell In[1], line 1
                f(a=1, b)
                       ^
            SyntaxError: positional argument follows keyword argument
            """),
        Case(id: "generator-not-parenthesized", source: "f(x for x in y, 1)", kind: .syntax, rendered: """
              Cell In[1], line 1
                f(x for x in y, 1)
                  ^^^^^^^^^^^^
            SyntaxError: Generator expression must be parenthesized
            """),
        Case(id: "backslash-junk", source: "x = 1 \\ y", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = 1 \\ y
                       ^
            SyntaxError: unexpected character after line continuation character
            """),
        Case(id: "leading-zero", source: "x = 012", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = 012
                    ^^^
            SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
            """),
        Case(id: "invalid-character", source: "x = 1 € 2", kind: .syntax, rendered: """
              Cell In[1], line 1
                x = 1 € 2
                      ^
            SyntaxError: invalid character '€' (U+20AC)
            """),
        Case(id: "fstring-empty", source: "f'{}'", kind: .syntax, rendered: """
              Cell In[1], line 1
                f'{}'
                  ^
            SyntaxError: f-string: empty expression not allowed
            """),
        Case(id: "fstring-single-brace", source: "f'}'", kind: .syntax, rendered: """
              Cell In[1], line 1
                f'}'
                  ^
            SyntaxError: f-string: single '}' is not allowed
            """),
        Case(id: "fstring-forgot-comma", source: "f'{a b}'", kind: .syntax, rendered: """
              Cell In[1], line 1
                f'{a b}'
                   ^^^
            SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?
            """),
        Case(id: "non-default-after-default", source: "def f(a=1, b): pass", kind: .syntax, rendered: """
              Cell In[1], line 1
                def f(a=1, b): pass
                           ^
            SyntaxError: non-default argument follows default argument
            """),
        Case(id: "try-without-except", source: "try:\n    pass\nx = 1", kind: .syntax, rendered: """
              Cell In[1], line 3
                x = 1
                ^
            SyntaxError: expected 'except' or 'finally' block
            """),
        Case(id: "header-name-used", source: "x = (", kind: .unexpectedEOF, rendered: """
              Cell In[7], line 1
                x = (
                    ^
            SyntaxError: '(' was never closed
            """),
        Case(id: "indented-source-line", source: "if x:\n    y = (1 +)\n", kind: .syntax, rendered: """
              Cell In[1], line 2
                y = (1 +)
                        ^
            SyntaxError: invalid syntax
            """),
    ]

    @Test(arguments: cases)
    func renders(_ c: Case) throws {
        let name = c.id == "header-name-used" ? "Cell In[7]" : "Cell In[1]"
        let d = try #require(diagnostic(c.source, name: name), "\(c.id) parsed")
        #expect(d.rendered() == c.rendered, "\(c.id)")
        #expect(d.kind == c.kind, "\(c.id)")
    }

    @Test func fileNameHeader() throws {
        let d = try #require(diagnostic("x = )", name: "nb.cnb"))
        #expect(d.rendered().hasPrefix("  nb.cnb, line 1\n"))
        #expect(d.line == 1)
        #expect(d.errorClass == "SyntaxError")
    }
}
