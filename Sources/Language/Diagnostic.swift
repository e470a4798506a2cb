/// A syntax error found while lexing or parsing, with the span it points at.
///
/// Messages use CPython 3.11's wording where it has one, so people can search for them.
public struct Diagnostic: Error, Sendable {
    /// What went wrong, as far as callers need to branch on it.
    public enum Kind: Sendable, Equatable {
        /// Rendered as `SyntaxError`.
        case syntax
        /// Rendered as `IndentationError`.
        case indentation
        /// Inconsistent tabs and spaces; rendered as `TabError`.
        case tab
        /// Input ended early (open bracket, open triple-quoted string, trailing backslash, a block
        /// header without its block): a REPL asks for a continuation line instead of reporting.
        case unexpectedEOF
    }

    public var kind: Kind
    public var message: String
    public var span: Span
    public var source: SourceFile
    /// Whether the rendering draws carets (CPython draws none for "unexpected indent").
    var showsCaret: Bool
    /// For `.unexpectedEOF`: render as `IndentationError` ("expected an indented block ...").
    var isIndentationAtEOF: Bool

    public init(kind: Kind, message: String, span: Span, source: SourceFile) {
        self.init(kind: kind, message: message, span: span, source: source, showsCaret: true, isIndentationAtEOF: false)
    }

    init(kind: Kind, message: String, span: Span, source: SourceFile, showsCaret: Bool, isIndentationAtEOF: Bool) {
        self.kind = kind
        self.message = message
        self.span = span
        self.source = source
        self.showsCaret = showsCaret
        self.isIndentationAtEOF = isIndentationAtEOF
    }

    /// The Python exception class this diagnostic renders as.
    public var errorClass: String {
        switch kind {
        case .syntax: "SyntaxError"
        case .indentation: "IndentationError"
        case .tab: "TabError"
        case .unexpectedEOF: isIndentationAtEOF ? "IndentationError" : "SyntaxError"
        }
    }

    /// 1-based line the diagnostic points at.
    public var line: Int { source.line(of: span.start) }

    /// Python 3.11-style rendering for tracebacks:
    ///
    ///       Cell In[2], line 1
    ///         x = (1,
    ///             ^
    ///     SyntaxError: '(' was never closed
    ///
    /// The source line is shown without its leading spaces; carets cover the span, clipped to the
    /// line, and are left out when the span starts inside the leading whitespace (as CPython does).
    public func rendered() -> String {
        let lineNumber = line
        var out = "  \(source.name), line \(lineNumber)\n"
        let scalars = Array(source.lineText(lineNumber).unicodeScalars)
        var spaces = 0
        while spaces < scalars.count, scalars[spaces] == " " || scalars[spaces] == "\u{0C}" {
            spaces += 1
        }
        let stripped = scalars[spaces...]
        if stripped.contains(where: { !$0.properties.isWhitespace }) {
            out += "    " + String(String.UnicodeScalarView(stripped)) + "\n"
            let column = source.column(of: span.start) - spaces
            if showsCaret, column >= 0 {
                let endLine = source.line(of: span.end)
                var endColumn = endLine == lineNumber ? source.column(of: span.end) - spaces : stripped.count
                endColumn = min(endColumn, stripped.count)
                if endColumn <= column { endColumn = column + 1 }
                var caretLine = "    "
                for scalar in stripped.prefix(column) {
                    caretLine.unicodeScalars.append(scalar.properties.isWhitespace ? scalar : " ")
                }
                caretLine += String(repeating: "^", count: endColumn - column)
                out += caretLine + "\n"
            }
        }
        out += "\(errorClass): \(message)"
        return out
    }
}

extension Diagnostic: CustomStringConvertible {
    public var description: String { rendered() }
}
