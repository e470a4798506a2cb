/// Reads cells out of lines. Never fails: problems are appended to `diagnostics` with
/// their file line, and the text is kept as it is.
enum CellParser {
    /// Whether a line opens a cell.
    static func isMarker(_ line: SourceLine) -> Bool { line.text.hasPrefix("# %%") }

    /// Parses one cell from its lines (`lines[0]` is the marker when `hasMarker`).
    /// `firstLine` is the 1-based file line of `lines[0]`.
    static func parseCell(lines: [SourceLine], hasMarker: Bool, firstLine: Int) -> (cell: Cell, problems: [NotebookError]) {
        var problems: [NotebookError] = []
        func report(_ line: Int, _ message: String) {
            problems.append(NotebookError(line: line, message: message))
        }
        var kind = CellKind.code
        var title: String?
        var metadata: [MetadataEntry] = []
        if hasMarker, let marker = lines.first {
            parseMarker(marker.text.dropFirst(4), line: firstLine, kind: &kind, title: &title,
                        metadata: &metadata, report: report)
        }
        let bodyStart = hasMarker ? 1 : 0
        var end = lines.count
        while end > bodyStart && lines[end - 1].isBlank { end -= 1 }
        var expectation: OutputExpectation?
        var expectationRange: Range<Int>?
        var sourceLimit = end
        if kind == .code {
            var start = end
            while start > bodyStart && lines[start - 1].text.hasPrefix("#>") { start -= 1 }
            if start < end {
                expectationRange = start..<end
                sourceLimit = start
                expectation = OutputExpectation.parse(lines[start..<end].map(\.text)) { index, message in
                    report(firstLine + start + index, message)
                }
            }
        }
        var sourceEnd = sourceLimit
        while sourceEnd > bodyStart && lines[sourceEnd - 1].isBlank { sourceEnd -= 1 }
        var sourceStart = bodyStart
        while sourceStart < sourceEnd && lines[sourceStart].isBlank { sourceStart += 1 }
        let sourceLines: [String] = lines[sourceStart..<sourceEnd].map { line in
            switch kind {
            case .code: return String(line.text)
            case .markdown, .raw:
                if line.text == "#" { return "" }
                if line.text.hasPrefix("# ") { return String(line.text.dropFirst(2)) }
                return String(line.text)
            }
        }
        let cell = Cell(kind: kind, title: title, metadata: metadata, source: sourceLines.joined(separator: "\n"),
                        expectation: expectation, id: "", line: firstLine, lines: lines, hasMarker: hasMarker,
                        expectationRange: expectationRange, sourceEnd: sourceEnd)
        return (cell, problems)
    }

    /// Characters allowed in a metadata key.
    static func isKeyCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == ".")
    }

    /// Parses what follows `# %%`: title words, then `[type]`, then `key=<JSON>` pairs.
    static func parseMarker(_ rest: Substring, line: Int, kind: inout CellKind, title: inout String?,
                            metadata: inout [MetadataEntry], report: (Int, String) -> Void) {
        var i = rest.startIndex
        var titleRange: Range<Substring.Index>?
        var phase = 0  // 0: title words, 1: after the type, 2: in metadata
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" }
        while true {
            while i < rest.endIndex && isSpace(rest[i]) { i = rest.index(after: i) }
            guard i < rest.endIndex else { break }
            if rest[i] == "[" {
                guard let close = rest[i...].firstIndex(of: "]") else {
                    report(line, "unclosed `[` in cell marker")
                    return
                }
                let name = rest[rest.index(after: i)..<close]
                if phase >= 1 {
                    report(line, "cell type `[\(name)]` must come once, before the metadata")
                }
                switch name {
                case "markdown", "md": kind = .markdown
                case "raw": kind = .raw
                default: report(line, "unknown cell type `[\(name)]` (use [markdown], [md] or [raw])")
                }
                phase = max(phase, 1)
                i = rest.index(after: close)
                continue
            }
            var j = i
            while j < rest.endIndex && !isSpace(rest[j]) && rest[j] != "[" && rest[j] != "=" { j = rest.index(after: j) }
            if j < rest.endIndex && rest[j] == "=" {
                let key = rest[i..<j]
                if key.isEmpty || !key.allSatisfy(isKeyCharacter) {
                    report(line, "invalid metadata key `\(key)` in cell marker")
                }
                let valueStart = rest.index(after: j)
                let valueText = rest[valueStart...]
                do {
                    let (value, used) = try JSONParser.parsePrefix(valueText)
                    let valueEnd = valueText.utf8.index(valueText.startIndex, offsetBy: used)
                    let raw = rest[valueStart..<valueEnd].drop(while: isSpace)
                    metadata.append(MetadataEntry(key: String(key), value: value, rawValue: String(raw)))
                    if valueEnd < rest.endIndex && !isSpace(rest[valueEnd]) {
                        report(line, "expected a space after the value of metadata `\(key)`")
                        return
                    }
                    checkKnownMetadata(key: String(key), value: value, line: line, report: report)
                    i = valueEnd
                } catch {
                    report(line, "invalid JSON value for metadata `\(key)`: \(error.message) (column \(error.column))")
                    return
                }
                phase = 2
                continue
            }
            if j == i {
                // A stray `=` with nothing before it.
                report(line, "unexpected `\(rest[i])` in cell marker")
                i = rest.index(after: i)
                continue
            }
            if phase > 0 {
                report(line, "title words must come before the cell type and metadata: `\(rest[i..<j])`")
            } else {
                titleRange = (titleRange?.lowerBound ?? i)..<j
            }
            i = j
        }
        if let titleRange { title = String(rest[titleRange]) }
    }

    /// Checks the types of metadata the runner reads.
    static func checkKnownMetadata(key: String, value: JSONValue, line: Int, report: (Int, String) -> Void) {
        switch key {
        case "tags":
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                report(line, "metadata `tags` must be a list of strings")
                return
            }
        case "timeout":
            guard let t = value.doubleValue, t >= 0, t.isFinite else {
                report(line, "metadata `timeout` must be a number of seconds")
                return
            }
        default:
            break
        }
    }
}
