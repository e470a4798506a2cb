/// One physical line of a file: its text without the terminator, and the terminator
/// (`"\n"`, `"\r\n"` or `""` for a last line without one). Joining `text + ending` for all
/// lines gives back the file exactly; a lone `"\r"` stays inside `text`.
struct SourceLine: Equatable, Sendable {
    var text: Substring
    var ending: Substring

    /// The exact bytes of the line.
    var raw: String { String(text) + String(ending) }

    /// Splits `text` into lines. An empty text has no lines; a text ending in a newline has
    /// no empty last line.
    static func split(_ text: Substring) -> [SourceLine] {
        var lines: [SourceLine] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            if scalars[i] == "\n" {
                var textEnd = i
                if textEnd > start, scalars[scalars.index(before: textEnd)] == "\r" {
                    textEnd = scalars.index(before: textEnd)
                }
                let next = scalars.index(after: i)
                lines.append(SourceLine(text: Substring(scalars[start..<textEnd]),
                                        ending: Substring(scalars[textEnd..<next])))
                start = next
            }
            i = scalars.index(after: i)
        }
        if start < scalars.endIndex {
            lines.append(SourceLine(text: Substring(scalars[start...]), ending: ""))
        }
        return lines
    }

    /// True when the line has only spaces and tabs.
    var isBlank: Bool { text.allSatisfy { $0 == " " || $0 == "\t" } }
}
