import Language

/// A `%name args` line magic, or a `%%name args` cell magic with its body.
struct MagicCommand: Equatable {
    var name: String
    var arguments: String
    /// The lines after the first for a cell magic; nil for a line magic.
    var body: String?
}

/// Text rules of the REPL's input: when a cell is complete, auto-indent, `;`, magics, help
/// queries and pasted prompts. Pure functions, no interpreter.
enum ReplInput {
    /// Lines that form a cell on their own: magics and help queries.
    static func isSingleLineCommand(_ line: String) -> Bool {
        let t = line.trimmingSpaces()
        if t.hasPrefix("%%") { return false }
        return t.hasPrefix("%") || helpQuery(t) != nil
    }

    /// Whether the lines typed so far form a cell to run. A block (a paste or a recalled
    /// multi-line entry) is complete unless a bracket or string is still open; a cell
    /// magic runs at its first empty line.
    static func isComplete(_ cell: String, lastWasBlock: Bool, lastLine: String) -> Bool {
        if cell.hasPrefix("%%") {
            return cell.contains("\n") && lastLine.allSatisfy(\.isWhitespace)
        }
        return !isIncompleteInput(lastWasBlock ? cell + "\n" : cell)
    }

    /// The indentation to pre-type after `line`: the same as `line`, four more after a
    /// `:`, four less after `return`, `pass`, `raise`, `break` or `continue`.
    static func nextIndent(after line: String) -> String {
        let last = line.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        var width = 0
        for c in last {
            if c == " " { width += 1 } else if c == "\t" { width += 4 - width % 4 } else { break }
        }
        let code = stripComment(last).trimmingSpaces()
        if code.isEmpty { return String(repeating: " ", count: width) }
        if code.hasSuffix(":") {
            width += 4
        } else {
            let word = code.prefix { $0.isLetter || $0 == "_" }
            if ["return", "pass", "raise", "break", "continue"].contains(String(word)) {
                width = max(0, width - 4)
            }
        }
        return String(repeating: " ", count: width)
    }

    /// `line` without a trailing `#` comment (quotes are respected).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        var out = ""
        for c in line {
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#" {
                break
            }
            out.append(c)
        }
        return out
    }

    /// True when the last code line ends with `;` (the value is then not shown or stored).
    static func endsWithSemicolon(_ source: String) -> Bool {
        for line in source.split(separator: "\n").reversed() {
            let code = stripComment(String(line)).trimmingSpaces()
            if code.isEmpty { continue }
            return code.hasSuffix(";")
        }
        return false
    }

    /// `exit`, `quit`, `exit()`, `quit()`.
    static func isExitCommand(_ cell: String) -> Bool {
        ["exit", "quit", "exit()", "quit()"].contains(cell.trimmingSpaces())
    }

    /// The object named by `obj?`, `obj??` or `?obj` (a dotted name, or a `%magic`).
    static func helpQuery(_ cell: String) -> String? {
        let t = cell.trimmingSpaces()
        guard !t.contains("\n") else { return nil }
        var name: Substring
        if t.hasPrefix("?") {
            name = t.drop { $0 == "?" }
        } else if t.hasSuffix("?") {
            name = t.dropLast()
            while name.hasSuffix("?") { name = name.dropLast() }
        } else {
            return nil
        }
        let query = String(name).trimmingSpaces()
        let body = query.hasPrefix("%") ? String(query.drop { $0 == "%" }) : query
        guard !body.isEmpty, isDottedName(body) else { return nil }
        return query
    }

    /// `a`, `a.b.c` with identifier parts (Unicode letters allowed).
    static func isDottedName(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { p in
            guard let f = p.first, f.isLetter || f == "_" else { return false }
            return p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
    }

    /// Splits a `%` or `%%` cell into its magic.
    static func magic(_ cell: String) -> MagicCommand? {
        let t = cell.drop { $0 == " " }
        guard t.hasPrefix("%") else { return nil }
        let isCell = t.hasPrefix("%%")
        let rest = t.dropFirst(isCell ? 2 : 1)
        let firstLine = rest.prefix { $0 != "\n" }
        let name = firstLine.prefix { !$0.isWhitespace }
        guard !name.isEmpty else { return nil }
        let arguments = String(firstLine.dropFirst(name.count)).trimmingSpaces()
        if isCell {
            let body = rest.dropFirst(firstLine.count).drop { $0 == "\n" }
            return MagicCommand(name: String(name), arguments: arguments, body: String(body))
        }
        return MagicCommand(name: String(name), arguments: arguments, body: nil)
    }

    /// Removes copied prompts from pasted text (`>>> `/`... ` or `In [n]: `/`   ...: `), so a
    /// transcript pastes back as code; output lines of such a transcript are dropped.
    /// Text whose first line has no prompt is returned unchanged.
    static func stripPrompts(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first(where: { !$0.allSatisfy(\.isWhitespace) }), promptLength(first) != nil else {
            return text
        }
        var out: [String] = []
        for line in lines {
            if let n = promptLength(line) {
                out.append(String(line.dropFirst(n)))
            } else if line.allSatisfy(\.isWhitespace) {
                out.append("")
            }
        }
        while let l = out.last, l.isEmpty { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// Length of a leading `>>> `, `... `, `In [n]: ` or `   ...: ` prompt.
    static func promptLength(_ line: String) -> Int? {
        for p in [">>> ", "... "] where line.hasPrefix(p) { return 4 }
        if line == ">>>" || line == "..." { return 3 }
        let chars = Array(line)
        var i = 0
        if line.hasPrefix("In [") {
            i = 4
            while i < chars.count, chars[i].isNumber { i += 1 }
            guard i > 4, i + 2 < chars.count || i + 2 == chars.count, line.dropFirst(i).hasPrefix("]:") else { return nil }
            i += 2
        } else {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i > 0, line.dropFirst(i).hasPrefix("...:") else { return nil }
            i += 4
        }
        if i < chars.count, chars[i] == " " { i += 1 }
        return i
    }
}
