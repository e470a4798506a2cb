/// The type of a cell, from the marker's `[markdown]`, `[md]` or `[raw]` (default: code).
public enum CellKind: String, Equatable, Sendable {
    case code, markdown, raw
}

/// One `key=<JSON>` pair from a marker line.
public struct MetadataEntry: Equatable, Sendable {
    /// The key (`tags`, `timeout`, ...).
    public var key: String
    /// The value's text exactly as written.
    public var rawValue: String
    /// The parsed value.
    public var value: JSONValue

    /// Makes an entry; `rawValue` defaults to the compact JSON of `value`.
    public init(key: String, value: JSONValue, rawValue: String? = nil) {
        self.key = key
        self.value = value
        self.rawValue = rawValue ?? JSONWriter.compact(value)
    }
}

/// One cell of a `.cnb` file.
///
/// Invariant: `text` is the exact text the cell occupies in its file (marker line, body,
/// expectation and the blank lines up to the next marker), so a document formats back to
/// the bytes it was parsed from. The other fields are read from that text. Cells made in
/// code are rendered in the canonical layout.
public struct Cell: Equatable, Sendable {
    /// Code, markdown or raw.
    public let kind: CellKind
    /// The title from the marker line (words before the type and metadata), if any.
    public let title: String?
    /// Metadata pairs in marker-line order.
    public let metadata: [MetadataEntry]
    /// The source: code without the `#>` block; markdown and raw without the `# ` prefixes.
    /// Leading and trailing blank lines are not part of it; lines are joined with `\n`.
    public let source: String
    /// The trailing `#>` block of a code cell, if it has one.
    public let expectation: OutputExpectation?
    /// The stable id: the slugged title, or `cell-<n>`; set by the document.
    public internal(set) var id: String
    /// 1-based line of the cell's first line in its file (0 for cells made in code).
    public internal(set) var line: Int

    /// Raw lines, marker included.
    var lines: [SourceLine]
    /// Whether `lines[0]` is a `# %%` marker (false only for text before the first marker).
    let hasMarker: Bool
    /// Index in `lines` of the first `#>` line, and one past the last.
    let expectationRange: Range<Int>?
    /// Index in `lines` just past the last source line: where a new `#>` block goes.
    let sourceEnd: Int

    /// The exact text of the cell.
    public var text: String { lines.map(\.raw).joined() }

    /// The metadata value for `key` (the last one when repeated).
    public func metadataValue(_ key: String) -> JSONValue? {
        metadata.last(where: { $0.key == key })?.value
    }

    /// The cell's tags (`tags=[...]`), strings only.
    public var tags: [String] {
        metadataValue("tags")?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Whether the cell has `tag`.
    public func hasTag(_ tag: String) -> Bool { tags.contains(tag) }

    /// The per-cell timeout in seconds (`timeout=<seconds>`), if given as a number.
    public var timeout: Double? { metadataValue("timeout")?.doubleValue }

    /// The name used in messages: the title when there is one, else the id.
    public var displayName: String { title ?? id }

    /// 1-based file line of the `#>` block's first line, or where one would be inserted.
    public var expectationLine: Int {
        line + (expectationRange?.lowerBound ?? sourceEnd)
    }

    init(kind: CellKind, title: String?, metadata: [MetadataEntry], source: String, expectation: OutputExpectation?,
         id: String, line: Int, lines: [SourceLine], hasMarker: Bool, expectationRange: Range<Int>?, sourceEnd: Int) {
        self.kind = kind
        self.title = title
        self.metadata = metadata
        self.source = source
        self.expectation = expectation
        self.id = id
        self.line = line
        self.lines = lines
        self.hasMarker = hasMarker
        self.expectationRange = expectationRange
        self.sourceEnd = sourceEnd
    }

    /// Makes a cell in the canonical layout: a marker line `# %% title [markdown] key=value`,
    /// the body (markdown and raw lines prefixed `# `), then the rendered expectation.
    /// The title should have no `[`, `=` or line breaks (they are replaced by spaces).
    public init(kind: CellKind, title: String? = nil, metadata: [MetadataEntry] = [], source: String,
                expectation: OutputExpectation? = nil) {
        var marker = "# %%"
        let cleanTitle = title.map { t in
            String(t.map { $0 == "[" || $0 == "=" || $0.isNewline ? " " : $0 })
                .split(separator: " ").joined(separator: " ")
        }.flatMap { $0.isEmpty ? nil : $0 }
        if let cleanTitle { marker += " " + cleanTitle }
        switch kind {
        case .code: break
        case .markdown: marker += " [markdown]"
        case .raw: marker += " [raw]"
        }
        for entry in metadata { marker += " \(entry.key)=\(entry.rawValue)" }
        var body: [String] = []
        let sourceLines = source.isEmpty ? [] : source.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch kind {
        case .code: body = sourceLines
        case .markdown, .raw: body = sourceLines.map { $0.isEmpty ? "#" : "# " + $0 }
        }
        if kind == .code, let expectation { body += expectation.renderedLines() }
        let all = [marker] + body
        let text = all.map { $0 + "\n" }.joined()
        // Re-read the rendered text so every field is what parsing it would give.
        let parsed = CellParser.parseCell(lines: SourceLine.split(Substring(text)), hasMarker: true, firstLine: 1).cell
        self = parsed
        self.line = 0
    }

    /// The same cell with its `#>` block replaced by `expectation` (removed when nil or
    /// when it has no parts). Markdown and raw cells are returned unchanged. Only the block's
    /// lines change; a missing final newline stays missing.
    func replacingExpectation(_ expectation: OutputExpectation?) -> Cell {
        guard kind == .code else { return self }
        let ending: Substring = lines.first(where: { !$0.ending.isEmpty })?.ending ?? "\n"
        var newLines = (expectation?.renderedLines() ?? []).map { SourceLine(text: Substring($0), ending: ending) }
        var copy = lines
        let range = expectationRange ?? sourceEnd..<sourceEnd
        let atEnd = range.upperBound == copy.count
        let fileEndedWithoutNewline = atEnd && (copy.last?.ending.isEmpty ?? false)
        if range.isEmpty, range.lowerBound > 0, copy[range.lowerBound - 1].ending.isEmpty {
            copy[range.lowerBound - 1].ending = ending
        }
        if fileEndedWithoutNewline, !newLines.isEmpty {
            newLines[newLines.count - 1].ending = ""
        }
        copy.replaceSubrange(range, with: newLines)
        if fileEndedWithoutNewline, newLines.isEmpty, !copy.isEmpty {
            copy[copy.count - 1].ending = ""
        }
        var cell = CellParser.parseCell(lines: copy, hasMarker: hasMarker, firstLine: line).cell
        cell.id = id
        return cell
    }

    /// The same cell with `count` extra blank lines (the canonical separator) at its end.
    func withTrailingBlankLines(_ count: Int) -> Cell {
        var copy = self
        if let last = copy.lines.last, last.ending.isEmpty {
            copy.lines[copy.lines.count - 1].ending = "\n"
        }
        for _ in 0..<count { copy.lines.append(SourceLine(text: "", ending: "\n")) }
        return copy
    }
}
