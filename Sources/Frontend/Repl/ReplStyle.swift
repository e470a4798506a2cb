/// The REPL's prompts and colours (IPython's scheme: green `In`, red `Out`, red error
/// names). Without colour every string is plain text.
struct ReplStyle {
    var color: Bool

    private static let esc = "\u{1B}["
    private func sgr(_ code: String) -> String { color ? Self.esc + code + "m" : "" }

    /// `In [n]: `. The reset sits before the final space: libedit drops an escape that ends
    /// the prompt.
    func inPrompt(_ n: Int) -> String {
        "\(sgr("32"))In [\(sgr("1;32"))\(n)\(sgr("0;32"))]:\(sgr("0")) "
    }

    /// `   ...: `, right-aligned under `In [n]: `.
    func continuationPrompt(_ n: Int) -> String {
        let width = "In [\(n)]:".count
        let dots = String(repeating: " ", count: max(0, width - 4)) + "...:"
        return "\(sgr("32"))\(dots)\(sgr("0")) "
    }

    /// `Out[n]: `.
    func outPrompt(_ n: Int) -> String {
        "\(sgr("31"))Out[\(sgr("1;31"))\(n)\(sgr("0;31"))]:\(sgr("0")) "
    }

    /// Colours a rendered traceback or syntax error: location lines green, carets red,
    /// the final `Name: message` line with a bold red name.
    func traceback(_ text: String) -> String {
        guard color else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices {
            let line = lines[i]
            let trimmed = line.drop { $0 == " " }
            if i == lines.count - 1 || (!line.hasPrefix(" ") && !line.isEmpty && line != "Traceback (most recent call last):"
                                          && !line.hasPrefix("The above exception") && !line.hasPrefix("During handling")) {
                if let colon = line.firstIndex(of: ":"), !line[..<colon].contains(" ") {
                    lines[i] = sgr("1;31") + line[..<colon] + sgr("0") + line[colon...]
                } else if !line.contains(" ") {
                    lines[i] = sgr("1;31") + line + sgr("0")
                }
            } else if line.hasPrefix("  "), !line.hasPrefix("    "), line.contains(", line ") {
                lines[i] = sgr("32") + line + sgr("0")
            } else if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "^" || $0 == "~" }) {
                lines[i] = sgr("31") + line + sgr("0")
            }
        }
        return lines.joined(separator: "\n")
    }
}
