import Testing
@testable import Notebook

struct RoundTripCase: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var testDescription: String { id }
}

let roundTripCases: [RoundTripCase] = [
    .init(id: "empty", text: ""),
    .init(id: "newline", text: "\n"),
    .init(id: "blank-lines", text: "\n\n  \n\t\n"),
    .init(id: "no-final-newline", text: "# %%\nx = 1"),
    .init(id: "marker-only-no-newline", text: "# %%"),
    .init(id: "crlf", text: "# %% a\r\nx = 1\r\n#> result:\r\n#>   1\r\n\r\n# %% [markdown]\r\n# hi\r\n"),
    .init(id: "mixed-endings", text: "# %%\r\nx\n\ry\r\n\r"),
    .init(id: "lone-cr", text: "# %%\rnot a line\r# %%\n"),
    .init(id: "bom", text: "\u{FEFF}# %% t\nx\n"),
    .init(id: "bom-only", text: "\u{FEFF}"),
    .init(id: "prelude", text: "import torch\n\n# %%\nx\n"),
    .init(id: "prelude-blank", text: "\n\n# %%\nx\n"),
    .init(id: "header", text: "# ---\n# jupyter:\n#   cnb:\n#     timeout: 30\n# ---\n\n# %%\nx\n"),
    .init(id: "header-unclosed", text: "# ---\n# jupyter:\n"),
    .init(id: "header-bad-yaml", text: "# ---\n# jupyter: [\n# ---\n"),
    .init(id: "bad-json", text: "# %% x tags=[\"a\"\nbody\n"),
    .init(id: "unknown-type", text: "# %% [python]\nbody\n"),
    .init(id: "expectation-garbage", text: "# %%\nx\n#>   orphan\n#> nonsense:\n#>\n"),
    .init(id: "many-blank-between", text: "# %%\na\n\n\n\n# %%\nb\n\n\n"),
    .init(id: "trailing-spaces", text: "# %%   \nx   \n   \n#> stdout:   \n#>   a  \n"),
    .init(id: "markdown-odd", text: "# %% [md]\nplain line\n#\n# x\n#no-space\n"),
    .init(id: "unicode", text: "# %% 卷积 [markdown]\n# 二维互相关\n\n# %% 卷积\nprint('é')\n"),
    .init(id: "nul-and-controls", text: "# %%\n\u{0}\u{1}\u{7F}\u{2028}x\n"),
    .init(id: "hash-percent-variants", text: "#%%\n# %%%\n# %%\n"),
]

@Test("format(parse(x)) == x", arguments: roundTripCases)
func roundTrip(_ c: RoundTripCase) {
    let doc = NotebookDocument.parse(c.text)
    #expect(doc.format() == c.text)
    #expect(Array(doc.format().utf8) == Array(c.text.utf8))
}

@Test func roundTripAcceptanceNotebooks() {
    let notebooks = acceptanceNotebooks()
    #expect(notebooks.count >= 5)
    for nb in notebooks {
        let doc = NotebookDocument.parse(nb.text)
        #expect(doc.format() == nb.text, "\(nb.name)")
        #expect(doc.diagnostics.isEmpty, "\(nb.name): \(doc.diagnostics)")
        // CRLF and no-final-newline variants too.
        let crlf = nb.text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(NotebookDocument.parse(crlf).format() == crlf)
        let trimmed = String(nb.text.dropLast())
        #expect(NotebookDocument.parse(trimmed).format() == trimmed)
    }
}

@Test func roundTripRandomGarbage() {
    var rng = SplitMix64(state: 42)
    let pieces = ["# %%", "# %% t", "# %% [markdown]", "# %% x tags=[\"a\"]", "# %% tags=[", "#>", "#> stdout:",
                  "#>   a", "#> result:", "# ---", "# jupyter:", "#   cnb: {timeout: 1}", "", "  ", "x = 1", "# c",
                  "\u{FEFF}", "\r", "é", "\t", "[", "=", "\"", "#> display: image/png 2x3"]
    let endings = ["\n", "\r\n", "", "\r"]
    for _ in 0..<400 {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            text += pieces.randomElement(using: &rng)! + endings.randomElement(using: &rng)!
        }
        #expect(NotebookDocument.parse(text).format() == text, "\(text.debugDescription)")
    }
}

@Test func parsesCellFields() {
    let text = """
    # %% [markdown]
    # # Cross-correlation
    # A kernel slides.
    #

    # %% make inputs tags=["slow", "x"] timeout=120
    X = 1

    corr2d(X, K)
    #> result:
    #>   tensor([[19., 25.],
    #>           [37., 43.]])

    # %% shape-error [raw] note={"a": [1, 2]}
    # raw text

    """
    let doc = NotebookDocument.parse(text)
    #expect(doc.diagnostics.isEmpty)
    #expect(doc.cells.count == 3)
    let md = doc.cells[0]
    #expect(md.kind == .markdown)
    #expect(md.title == nil)
    #expect(md.source == "# Cross-correlation\nA kernel slides.\n")
    #expect(md.id == "cell-1")
    let code = doc.cells[1]
    #expect(code.kind == .code)
    #expect(code.title == "make inputs")
    #expect(code.id == "make-inputs")
    #expect(code.tags == ["slow", "x"])
    #expect(code.timeout == 120)
    #expect(code.metadata.map(\.rawValue) == ["[\"slow\", \"x\"]", "120"])
    #expect(code.source == "X = 1\n\ncorr2d(X, K)")
    #expect(code.expectation == OutputExpectation(parts: [ExpectedPart(kind: .result, lines: ["tensor([[19., 25.],", "        [37., 43.]])"])]))
    #expect(code.line == 6)
    #expect(code.expectationLine == 10)
    let raw = doc.cells[2]
    #expect(raw.kind == .raw)
    #expect(raw.metadataValue("note") == .object([JSONMember("a", .array([.number("1"), .number("2")]))]))
    #expect(raw.source == "raw text")
}

struct DiagnosticCase: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var line: Int
    var contains: String
    var testDescription: String { id }
}

@Test("diagnostics carry file lines", arguments: [
    DiagnosticCase(id: "bad-json", text: "# %%\nx\n\n# %% t tags=[\"a\",]\ny\n", line: 4, contains: "invalid JSON value for metadata `tags`"),
    DiagnosticCase(id: "unknown-type", text: "# %% [python]\n", line: 1, contains: "unknown cell type"),
    DiagnosticCase(id: "tags-type", text: "\n# %% tags=\"x\"\n", line: 2, contains: "list of strings"),
    DiagnosticCase(id: "timeout-type", text: "# %% timeout=\"x\"\n", line: 1, contains: "number of seconds"),
    DiagnosticCase(id: "title-after-type", text: "# %% [md] late\n", line: 1, contains: "title words"),
    DiagnosticCase(id: "orphan-expectation", text: "# %%\nx\n#>   y\n", line: 3, contains: "before any"),
    DiagnosticCase(id: "yaml", text: "# ---\n# jupyter:\n#   cnb: [1\n# ---\n", line: 4, contains: "invalid YAML header"),
    DiagnosticCase(id: "header-root", text: "# ---\n# other: 1\n# ---\n", line: 1, contains: "root key `jupyter:`"),
    DiagnosticCase(id: "sanitize-regex", text: "# ---\n# jupyter:\n#   cnb:\n#     sanitize: [[\"(\", \"x\"]]\n# ---\n", line: 1, contains: "invalid regular expression"),
])
func diagnostics(_ c: DiagnosticCase) throws {
    let doc = NotebookDocument.parse(c.text)
    #expect(doc.format() == c.text)
    let first = try #require(doc.diagnostics.first)
    #expect(first.line == c.line)
    #expect(first.message.contains(c.contains), "\(first.message)")
    #expect(throws: NotebookError.self) { try doc.validated(path: "nb.cnb") }
    do {
        _ = try doc.validated(path: "nb.cnb")
    } catch {
        #expect(error.description.hasPrefix("nb.cnb:\(c.line): "))
    }
}

@Test func headerSettings() {
    let text = """
    # ---
    # jupyter:
    #   kernelspec:
    #     name: other
    #   cnb:
    #     timeout: 30
    #     tolerance: 1e-4
    #     sanitize:
    #       - regex: 0x[0-9a-f]+
    #         replace: ADDR
    #       - ["\\\\d+ ms", "N ms"]
    #   jupytext:
    #     formats: ipynb,py:percent
    # ---

    # %%
    x
    """
    let doc = NotebookDocument.parse(text)
    #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics)")
    #expect(doc.settings.timeout == 30)
    #expect(doc.settings.tolerance == 1e-4)
    #expect(doc.settings.sanitizers == [Sanitizer(pattern: "0x[0-9a-f]+", replacement: "ADDR"),
                                        Sanitizer(pattern: "\\d+ ms", replacement: "N ms")])
    #expect(doc.header?.notebookMetadata.map(\.key) == ["kernelspec", "jupytext"])
    #expect(doc.cells.count == 1)
    #expect(doc.cells[0].line == 16)
    #expect(doc.cells[0].id == "cell-1")
}

@Test func preludeIsACodeCell() {
    let doc = NotebookDocument.parse("\nimport torch\n\n# %% next\ny\n")
    #expect(doc.cells.count == 2)
    #expect(doc.cells[0].source == "import torch")
    #expect(doc.cells[0].id == "cell-1")
    #expect(doc.cells[0].line == 1)
    #expect(doc.cells[1].id == "next")
}

struct SlugCase: CustomTestStringConvertible, Sendable {
    var id: String
    var titles: [String?]
    var ids: [String]
    var testDescription: String { id }
}

@Test("cell ids", arguments: [
    SlugCase(id: "plain", titles: ["make-inputs", nil, "x"], ids: ["make-inputs", "cell-2", "x"]),
    SlugCase(id: "spaces-and-symbols", titles: ["make inputs!", "a/b.c", "  -x- "], ids: ["make-inputs", "a-b-c", "x"]),
    SlugCase(id: "repeats", titles: ["a", "a", "a", "a-2"], ids: ["a", "a-2", "a-3", "a-2-2"]),
    SlugCase(id: "untitled-collision", titles: ["cell-2", nil], ids: ["cell-2", "cell-2-2"]),
    SlugCase(id: "non-ascii", titles: ["卷积", "卷积 demo"], ids: ["cell-1", "demo"]),
    SlugCase(id: "underscore", titles: ["_private_1"], ids: ["_private_1"]),
    SlugCase(id: "long", titles: [String(repeating: "a", count: 80), String(repeating: "a", count: 80)],
             ids: [String(repeating: "a", count: 64), String(repeating: "a", count: 62) + "-2"]),
])
func cellIDs(_ c: SlugCase) {
    let ids = CellID.assign(titles: c.titles)
    #expect(ids == c.ids)
    for id in ids {
        #expect(id.count <= 64 && !id.isEmpty)
        #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }
}

@Test func idsCountAllCells() {
    let doc = NotebookDocument.parse("# %% [markdown]\n# a\n\n# %%\nx\n\n# %% t\ny\n\n# %%\nz\n")
    #expect(doc.cells.map(\.id) == ["cell-1", "cell-2", "t", "cell-4"])
}

@Test func canonicalCellsReparse() {
    let cells = [
        Cell(kind: .markdown, source: "# Title\n\ntext"),
        Cell(kind: .code, title: "make inputs", metadata: [MetadataEntry(key: "tags", value: .array([.string("slow")]))],
             source: "x = 1\nx", expectation: OutputExpectation(parts: [ExpectedPart(kind: .result, lines: ["1"])])),
        Cell(kind: .raw, title: "r", source: "raw"),
    ]
    let doc = NotebookDocument(cells: cells)
    #expect(doc.format() == """
    # %% [markdown]
    # # Title
    #
    # text

    # %% make inputs tags=["slow"]
    x = 1
    x
    #> result:
    #>   1

    # %% r [raw]
    # raw

    """)
    let again = NotebookDocument.parse(doc.format())
    #expect(again.cells.map(\.source) == cells.map(\.source))
    #expect(again.cells.map(\.expectation) == cells.map(\.expectation))
    #expect(again.cells.map(\.title) == cells.map(\.title))
}
