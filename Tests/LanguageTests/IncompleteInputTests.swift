import Testing
import Language

/// `isIncompleteInput`: when the REPL asks for another line.
struct IncompleteInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var text: String
        var incomplete: Bool
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "def-header", text: "def f():", incomplete: true),
        Case(id: "if-header", text: "if x:", incomplete: true),
        Case(id: "class-header-comment", text: "class A:  # comment", incomplete: true),
        Case(id: "open-paren", text: "x = (1,", incomplete: true),
        Case(id: "open-bracket-blank-line", text: "x = [1,\n\n", incomplete: true),
        Case(id: "open-brace-nested", text: "d = {'a': [1,\n 2],", incomplete: true),
        Case(id: "triple-quote", text: "\"\"\"abc", incomplete: true),
        Case(id: "triple-quote-in-block", text: "def f():\n    '''doc\n\n", incomplete: true),
        Case(id: "trailing-backslash", text: "x = 1 + \\", incomplete: true),
        Case(id: "decorator", text: "@dec", incomplete: true),
        Case(id: "simple", text: "x = 1", incomplete: false),
        Case(id: "empty", text: "", incomplete: false),
        Case(id: "comment", text: "# just a comment", incomplete: false),
        Case(id: "block-open", text: "if x:\n    y = 1", incomplete: true),
        Case(id: "block-closed-by-empty-line", text: "if x:\n    y = 1\n", incomplete: false),
        Case(id: "block-closed-by-two-newlines", text: "if x:\n    y = 1\n\n", incomplete: false),
        Case(id: "block-closed-by-spaces-line", text: "if x:\n    y = 1\n    ", incomplete: false),
        Case(id: "nested-block-open", text: "for i in x:\n    if i:\n        pass\n    y = 2", incomplete: true),
        Case(id: "block-needs-more-after-dedent", text: "if x:\n    pass\nelse:", incomplete: true),
        Case(id: "try-without-except-open", text: "try:\n    pass", incomplete: true),
        Case(id: "try-without-except-closed", text: "try:\n    pass\n", incomplete: false),
        Case(id: "one-line-compound", text: "for i in range(3): print(i)", incomplete: false),
        Case(id: "syntax-error", text: "x = = 1", incomplete: false),
        Case(id: "unmatched-close", text: "x = 1)", incomplete: false),
        Case(id: "unterminated-single-quote", text: "x = 'abc", incomplete: false),
        Case(id: "trailing-operator", text: "x = 1 +", incomplete: false),
        Case(id: "continuation-in-brackets-done", text: "x = foo(1,\n        2)", incomplete: false),
        Case(id: "error-inside-open-block", text: "if x:\n    y = = 1", incomplete: true),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) {
        #expect(isIncompleteInput(c.text) == c.incomplete, "\(c.id)")
    }
}
