/// A parsed `.cnb` file: optional header, then cells.
///
/// Contract: `NotebookDocument.parse(text).format() == text` byte for byte for every
/// string (BOM, CRLF, missing final newline and garbage included). Parsing never fails;
/// problems (bad metadata JSON, unknown cell types, bad YAML) are in `diagnostics`, each
/// with its 1-based file line, and `validated(path:)` turns the first into an error.
public struct NotebookDocument: Equatable, Sendable {
    /// The header, if the file opens with one.
    public private(set) var header: Header?
    /// The cells in file order, ids assigned.
    public private(set) var cells: [Cell]
    /// Problems found while parsing, in file order.
    public let diagnostics: [NotebookError]
    /// Whether the text began with a byte order mark.
    let hasBOM: Bool
    /// Blank lines between the header (or file start) and the first marker.
    let leading: [SourceLine]

    /// Settings from the header (defaults when there is none).
    public var settings: NotebookSettings { header?.settings ?? NotebookSettings() }

    /// Parses a `.cnb` text. Never fails.
    public static func parse(_ text: String) -> NotebookDocument {
        var body = Substring(text)
        var hasBOM = false
        if body.unicodeScalars.first == "\u{FEFF}" {
            hasBOM = true
            body = Substring(body.unicodeScalars.dropFirst())
        }
        let lines = SourceLine.split(body)
        var problems: [NotebookError] = []
        var index = 0
        var header: Header?
        if let length = Header.headerLength(lines) {
            let (h, p) = Header.parse(lines: Array(lines[0..<length]), firstLine: 1)
            header = h
            problems += p
            index = length
        }
        var markerIndices: [Int] = []
        for i in index..<lines.count where CellParser.isMarker(lines[i]) { markerIndices.append(i) }
        let preludeEnd = markerIndices.first ?? lines.count
        var leading: [SourceLine] = []
        var cells: [Cell] = []
        let prelude = Array(lines[index..<preludeEnd])
        if prelude.allSatisfy(\.isBlank) {
            leading = prelude
        } else {
            let (cell, p) = CellParser.parseCell(lines: prelude, hasMarker: false, firstLine: index + 1)
            cells.append(cell)
            problems += p
        }
        for (k, start) in markerIndices.enumerated() {
            let end = k + 1 < markerIndices.count ? markerIndices[k + 1] : lines.count
            let (cell, p) = CellParser.parseCell(lines: Array(lines[start..<end]), hasMarker: true, firstLine: start + 1)
            cells.append(cell)
            problems += p
        }
        return NotebookDocument(header: header, cells: cells, diagnostics: problems, hasBOM: hasBOM, leading: leading)
    }

    init(header: Header?, cells: [Cell], diagnostics: [NotebookError], hasBOM: Bool, leading: [SourceLine]) {
        self.header = header
        self.cells = cells
        self.diagnostics = diagnostics
        self.hasBOM = hasBOM
        self.leading = leading
        assignIDs()
    }

    /// A document in the canonical layout: the cells separated by one blank line, no header.
    /// Parsing its text gives it back (so line numbers are set).
    public init(cells: [Cell]) {
        let text = cells.enumerated().map { i, cell in
            (i + 1 < cells.count ? cell.withTrailingBlankLines(1) : cell).text
        }.joined()
        self = NotebookDocument.parse(text)
    }

    private mutating func assignIDs() {
        let ids = CellID.assign(titles: cells.map(\.title))
        for i in cells.indices { cells[i].id = ids[i] }
    }

    /// The exact text: what was parsed, with any rewritten `#>` blocks.
    public func format() -> String {
        var out = hasBOM ? "\u{FEFF}" : ""
        if let header { out += header.text }
        out += leading.map(\.raw).joined()
        for cell in cells { out += cell.text }
        return out
    }

    /// The document, or the first diagnostic as an error naming `path`.
    public func validated(path: String? = nil) throws(NotebookError) -> NotebookDocument {
        if var first = diagnostics.first {
            first.path = path ?? first.path
            throw first
        }
        return self
    }

    /// The document with the `#>` blocks of the cells named in `expectations` (by id)
    /// replaced (nil removes the block); every other byte is unchanged. A block is added
    /// after the cell's last source line when it had none, using the file's line ending.
    public func replacingExpectations(_ expectations: [String: OutputExpectation?]) -> NotebookDocument {
        var copy = self
        for i in copy.cells.indices {
            if let entry = expectations[copy.cells[i].id] {
                copy.cells[i] = copy.cells[i].replacingExpectation(entry)
            }
        }
        return NotebookDocument.parse(copy.format())
    }

    /// The cell with `id`, if any.
    public func cell(id: String) -> Cell? { cells.first { $0.id == id } }
}
