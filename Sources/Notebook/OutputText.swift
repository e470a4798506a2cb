/// Text normalisation shared by expectations, the checker and the writers.
enum OutputText {
    /// `Name: message` as Python's traceback prints the last line (`Name` alone when the
    /// message is empty).
    static func errorLine(ename: String, evalue: String) -> String {
        evalue.isEmpty ? ename : ename + ": " + evalue
    }

    /// Drops trailing spaces and tabs.
    static func trimTrailingSpaces<S: StringProtocol>(_ s: S) -> String {
        var scalars = Array(s.unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// Applies carriage returns and backspaces within one line as a terminal would: `\r`
    /// moves to column 0 and later text overwrites, `\b` moves one column left.
    static func applyTerminalControls(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\u{08}" }) else { return line }
        var cells: [Unicode.Scalar] = []
        var col = 0
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\r": col = 0
            case "\u{08}": col = max(0, col - 1)
            default:
                if col < cells.count { cells[col] = scalar } else { cells.append(scalar) }
                col += 1
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: cells)
        return String(out)
    }

    /// The lines of an output text as compared and stored: `\r\n` becomes `\n`, `\r` and
    /// `\b` are applied, trailing spaces dropped, and one final newline does not make an
    /// empty last line. `""` has no lines.
    static func normalizedLines(_ text: String) -> [String] {
        if text.isEmpty { return [] }
        var pieces = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if pieces.count > 1, pieces.last == "" { pieces.removeLast() }
        return pieces.map { trimTrailingSpaces(applyTerminalControls($0)) }
    }

    /// Python's `str.splitlines(True)`: splits after `\n`, `\r\n`, `\r`, `\v`, `\f`,
    /// `\x1c`-`\x1e`, `\x85`, U+2028 and U+2029, keeping the terminators (nbformat stores
    /// multi-line strings this way).
    static func pythonSplitLinesKeepingEnds(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            current.append(s)
            switch s {
            case "\r":
                if i + 1 < scalars.count, scalars[i + 1] == "\n" {
                    current.append("\n")
                    i += 1
                }
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default:
                break
            }
            i += 1
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}

extension String {
    /// The text with every `\r\n` replaced by `\n` (scalar-wise, so it works although
    /// Swift treats `\r\n` as one character).
    func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = String.UnicodeScalarView()
        var pendingCR = false
        for s in unicodeScalars {
            if pendingCR {
                if s != "\n" { out.append("\r") }
                pendingCR = false
            }
            if s == "\r" { pendingCR = true } else { out.append(s) }
        }
        if pendingCR { out.append("\r") }
        return String(out)
    }
}
