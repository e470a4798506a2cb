/// What kind of output one `#>` part describes.
public enum ExpectedKind: Equatable, Sendable {
    /// `#> stdout:` — everything the cell printed to standard output.
    case stdout
    /// `#> stderr:` — everything it printed to standard error.
    case stderr
    /// `#> result:` — the repr of the last expression (`Out[n]`).
    case result
    /// `#> error:` — the error's last line, `Name: message`.
    case error
    /// `#> display: image/png WxH` — a picture, compared by type and size.
    case display(mime: String, width: Int, height: Int)

    /// Sort rank of the canonical part order: stdout, stderr, result, displays, error.
    var rank: Int {
        switch self {
        case .stdout: return 0
        case .stderr: return 1
        case .result: return 2
        case .display: return 3
        case .error: return 4
        }
    }

    /// The header line's text after `#> `.
    public var headerText: String {
        switch self {
        case .stdout: return "stdout:"
        case .stderr: return "stderr:"
        case .result: return "result:"
        case .error: return "error:"
        case .display(let mime, let width, let height): return "display: \(mime) \(width)x\(height)"
        }
    }

    /// Parses a header's text (`stdout:`, `display: image/png 3x4`, ...); nil when it is not one.
    static func parseHeader(_ text: Substring) -> ExpectedKind? {
        switch text {
        case "stdout:": return .stdout
        case "stderr:": return .stderr
        case "result:": return .result
        case "error:": return .error
        default: break
        }
        guard text.hasPrefix("display:") else { return nil }
        let words = text.dropFirst("display:".count).split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2 else { return nil }
        let size = words[1].split(separator: "x", omittingEmptySubsequences: false)
        guard size.count == 2, let w = Int(size[0]), let h = Int(size[1]), w >= 0, h >= 0 else { return nil }
        return .display(mime: String(words[0]), width: w, height: h)
    }
}

/// One part of an expectation: a header and its body lines (without the `#>   ` prefix).
public struct ExpectedPart: Equatable, Sendable {
    /// What the part describes.
    public var kind: ExpectedKind
    /// The expected text, one entry per line (no line terminators). Empty for `display`.
    public var lines: [String]

    /// Makes a part.
    public init(kind: ExpectedKind, lines: [String]) {
        self.kind = kind
        self.lines = lines
    }
}

/// The expected outputs of a code cell: the trailing run of `#>` lines.
public struct OutputExpectation: Equatable, Sendable {
    /// The parts in file order.
    public var parts: [ExpectedPart]

    /// Makes an expectation from parts.
    public init(parts: [ExpectedPart]) {
        self.parts = parts
    }

    /// The expectation that `outputs` would satisfy exactly, in the canonical part order
    /// (stdout, stderr, result, displays, error); streams of one name are joined, `\r` and
    /// `\b` applied, trailing spaces dropped. Nil when there is no output at all.
    public init?(outputs: [CellOutput]) {
        var stdout = ""
        var stderr = ""
        var result: String?
        var displays: [ExpectedPart] = []
        var error: String?
        for output in outputs {
            switch output {
            case .stream(let name, let text):
                if name == "stderr" { stderr += text } else { stdout += text }
            case .result(let text): result = text
            case .display(let mime, _, let width, let height):
                displays.append(ExpectedPart(kind: .display(mime: mime, width: width, height: height), lines: []))
            case .error(let ename, let evalue, _):
                error = OutputText.errorLine(ename: ename, evalue: evalue)
            }
        }
        var parts: [ExpectedPart] = []
        if !stdout.isEmpty { parts.append(ExpectedPart(kind: .stdout, lines: OutputText.normalizedLines(stdout))) }
        if !stderr.isEmpty { parts.append(ExpectedPart(kind: .stderr, lines: OutputText.normalizedLines(stderr))) }
        if let result { parts.append(ExpectedPart(kind: .result, lines: OutputText.normalizedLines(result))) }
        parts += displays
        if let error { parts.append(ExpectedPart(kind: .error, lines: OutputText.normalizedLines(error))) }
        if parts.isEmpty { return nil }
        self.parts = parts
    }

    /// The `#>` lines of this expectation (no terminators), as the formatter writes them.
    public func renderedLines() -> [String] {
        var out: [String] = []
        for part in parts {
            out.append("#> " + part.kind.headerText)
            for line in part.lines {
                let trimmed = OutputText.trimTrailingSpaces(line)
                out.append(trimmed.isEmpty ? "#>" : "#>   " + trimmed)
            }
        }
        return out
    }

    /// Parses `#>` lines (each known to start with `#>`). Lines before the first header
    /// are reported through `problem` with their index.
    static func parse(_ lines: [Substring], problem: (Int, String) -> Void) -> OutputExpectation {
        var parts: [ExpectedPart] = []
        for (index, line) in lines.enumerated() {
            let rest = line.dropFirst(2)
            if rest.first == " ", rest.dropFirst().first != " ", let kind = ExpectedKind.parseHeader(rest.dropFirst()) {
                parts.append(ExpectedPart(kind: kind, lines: []))
                continue
            }
            // Body: `#>` then three spaces; be lenient about fewer spaces.
            var body = rest
            var dropped = 0
            while dropped < 3, body.first == " " {
                body = body.dropFirst()
                dropped += 1
            }
            if parts.isEmpty {
                problem(index, "expected-output line before any `#> stdout:`, `#> stderr:`, `#> result:`, `#> error:` or `#> display:` header")
                continue
            }
            parts[parts.count - 1].lines.append(String(body))
        }
        return OutputExpectation(parts: parts)
    }
}
