import Foundation

/// Regular expressions and globs for expected-output lines and sanitizers, compiled once
/// each. Regex syntax is ICU's (NSRegularExpression); a `(re)` line must match the whole
/// actual line. Globs: `*` any run of characters, `?` one character, `\` escapes.
final class TextPattern {
    private var cache: [String: NSRegularExpression?] = [:]

    /// Whether `pattern` compiles.
    static func isValidRegex(_ pattern: String) -> Bool {
        (try? NSRegularExpression(pattern: pattern)) != nil
    }

    private func regex(_ pattern: String) -> NSRegularExpression? {
        if let cached = cache[pattern] { return cached }
        let compiled = try? NSRegularExpression(pattern: pattern)
        cache[pattern] = compiled
        return compiled
    }

    /// Whether `pattern` matches all of `text` (an invalid pattern matches nothing).
    func fullMatch(regex pattern: String, _ text: String) -> Bool {
        guard let re = regex("^(?:" + pattern + ")$") else { return false }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return re.firstMatch(in: text, options: [.anchored], range: range) != nil
    }

    /// Whether the glob matches all of `text`.
    func fullMatch(glob: String, _ text: String) -> Bool {
        fullMatch(regex: TextPattern.globToRegex(glob), text)
    }

    static func globToRegex(_ glob: String) -> String {
        var out = ""
        var escaped = false
        for c in glob {
            if escaped {
                out += NSRegularExpression.escapedPattern(for: String(c))
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case "*": out += ".*"
            case "?": out += "."
            default: out += NSRegularExpression.escapedPattern(for: String(c))
            }
        }
        if escaped { out += "\\\\" }
        return out
    }

    /// `text` with every sanitizer applied in order.
    func sanitize(_ text: String, with sanitizers: [Sanitizer]) -> String {
        var text = text
        for s in sanitizers {
            guard let re = regex(s.pattern) else { continue }
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            text = re.stringByReplacingMatches(in: text, options: [], range: range, withTemplate: s.replacement)
        }
        return text
    }
}
