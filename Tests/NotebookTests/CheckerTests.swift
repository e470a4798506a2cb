import Testing
@testable import Notebook

struct MatchCase: CustomTestStringConvertible, Sendable {
    var id: String
    var expected: [ExpectedPart]
    var outputs: [CellOutput]
    var matches: Bool
    var settings = NotebookSettings()
    var testDescription: String { id }
}

func stdout(_ text: String) -> CellOutput { .stream(name: "stdout", text: text) }
func part(_ kind: ExpectedKind, _ lines: String...) -> ExpectedPart { ExpectedPart(kind: kind, lines: lines) }

let matchCases: [MatchCase] = [
    MatchCase(id: "exact", expected: [part(.stdout, "a", "b")], outputs: [stdout("a\nb\n")], matches: true),
    MatchCase(id: "no-final-newline", expected: [part(.stdout, "a")], outputs: [stdout("a")], matches: true),
    MatchCase(id: "crlf-and-trailing-spaces", expected: [part(.stdout, "a", "b")], outputs: [stdout("a  \r\nb\t\r\n")], matches: true),
    MatchCase(id: "stream-as-a-whole", expected: [part(.stdout, "ab", "c")], outputs: [stdout("a"), .result(text: "1"), stdout("b\nc\n")],
              matches: false),
    MatchCase(id: "stream-chunks-joined", expected: [part(.stdout, "ab", "c"), part(.result, "1")],
              outputs: [stdout("a"), .result(text: "1"), stdout("b\nc\n")], matches: true),
    MatchCase(id: "carriage-return", expected: [part(.stdout, "100%")], outputs: [stdout("10%\r50%\r100%\n")], matches: true),
    MatchCase(id: "backspace", expected: [part(.stdout, "abd")], outputs: [stdout("abc\u{8}d\n")], matches: true),
    MatchCase(id: "different", expected: [part(.stdout, "a")], outputs: [stdout("b\n")], matches: false),
    MatchCase(id: "missing-output", expected: [part(.stdout, "a")], outputs: [], matches: false),
    MatchCase(id: "unexpected-output", expected: [], outputs: [stdout("a\n")], matches: false),
    MatchCase(id: "nothing-nothing", expected: [], outputs: [], matches: true),
    MatchCase(id: "ellipsis-many", expected: [part(.stdout, "start", "...", "end")], outputs: [stdout("start\n1\n2\n3\nend\n")], matches: true),
    MatchCase(id: "ellipsis-zero", expected: [part(.stdout, "start", "...", "end")], outputs: [stdout("start\nend\n")], matches: true),
    MatchCase(id: "ellipsis-not-across-parts", expected: [part(.stdout, "a", "..."), part(.result, "1")],
              outputs: [stdout("a\nb\n"), .stream(name: "stderr", text: "w\n"), .result(text: "1")], matches: false),
    MatchCase(id: "ellipsis-needs-end", expected: [part(.stdout, "...", "end")], outputs: [stdout("x\ny\n")], matches: false),
    MatchCase(id: "regex", expected: [part(.stdout, "loss [0-9.]+ (re)")], outputs: [stdout("loss 0.123\n")], matches: true),
    MatchCase(id: "regex-full-line", expected: [part(.stdout, "loss [0-9.]+ (re)")], outputs: [stdout("loss 0.123 extra\n")], matches: false),
    MatchCase(id: "glob", expected: [part(.stdout, "at 0x* done? (glob)")], outputs: [stdout("at 0x7ffe done!\n")], matches: true),
    MatchCase(id: "glob-escape", expected: [part(.stdout, "a\\*b (glob)")], outputs: [stdout("a*b\n")], matches: true),
    MatchCase(id: "glob-escape-literal", expected: [part(.stdout, "a\\*b (glob)")], outputs: [stdout("axxb\n")], matches: false),
    MatchCase(id: "tolerance-off", expected: [part(.result, "tensor([0.1235])")], outputs: [.result(text: "tensor([0.1234])")], matches: false),
    MatchCase(id: "tolerance-on", expected: [part(.result, "tensor([0.1235, -2.0000])")], outputs: [.result(text: "tensor([0.1234, -2.0001])")],
              matches: true, settings: NotebookSettings(tolerance: 1e-3)),
    MatchCase(id: "tolerance-too-far", expected: [part(.result, "tensor([0.13])")], outputs: [.result(text: "tensor([0.1234])")],
              matches: false, settings: NotebookSettings(tolerance: 1e-3)),
    MatchCase(id: "tolerance-text-must-match", expected: [part(.result, "x 1.0")], outputs: [.result(text: "y 1.0")],
              matches: false, settings: NotebookSettings(tolerance: 1)),
    MatchCase(id: "sanitizer", expected: [part(.stdout, "<object at 0x1234>")], outputs: [stdout("<object at 0xdeadbeef>\n")],
              matches: true, settings: NotebookSettings(sanitizers: [Sanitizer(pattern: "0x[0-9a-f]+", replacement: "0xADDR")])),
    MatchCase(id: "error-last-line", expected: [part(.error, "ValueError: bad")],
              outputs: [.error(ename: "ValueError", evalue: "bad", traceback: ["tb", "more"])], matches: true),
    MatchCase(id: "error-message-differs", expected: [part(.error, "ValueError: bad")],
              outputs: [.error(ename: "ValueError", evalue: "worse", traceback: [])], matches: false),
    MatchCase(id: "error-empty-message", expected: [part(.error, "StopIteration")],
              outputs: [.error(ename: "StopIteration", evalue: "", traceback: [])], matches: true),
    MatchCase(id: "display-size", expected: [ExpectedPart(kind: .display(mime: "image/png", width: 3, height: 2), lines: [])],
              outputs: [.display(mime: "image/png", data: [1, 2], width: 3, height: 2)], matches: true),
    MatchCase(id: "display-size-differs", expected: [ExpectedPart(kind: .display(mime: "image/png", width: 3, height: 2), lines: [])],
              outputs: [.display(mime: "image/png", data: [1, 2], width: 4, height: 2)], matches: false),
    MatchCase(id: "part-order-free", expected: [part(.result, "1"), part(.stdout, "a")], outputs: [stdout("a\n"), .result(text: "1")], matches: true),
    MatchCase(id: "stderr-separate", expected: [part(.stdout, "a"), part(.stderr, "w")],
              outputs: [.stream(name: "stderr", text: "w\n"), stdout("a\n")], matches: true),
    MatchCase(id: "multiline-result", expected: [part(.result, "tensor([[1., 2.],", "        [3., 4.]])")],
              outputs: [.result(text: "tensor([[1., 2.],\n        [3., 4.]])")], matches: true),
    MatchCase(id: "empty-line-inside", expected: [part(.stdout, "a", "", "b")], outputs: [stdout("a\n\nb\n")], matches: true),
]

@Test("matching rules", arguments: matchCases)
func matching(_ c: MatchCase) {
    let checker = NotebookChecker(settings: c.settings)
    let expectation = c.expected.isEmpty ? nil : OutputExpectation(parts: c.expected)
    #expect(checker.matches(expected: expectation, outputs: c.outputs) == c.matches)
}

@Test func diffNamesNotebookAndCellWithFileLines() {
    let text = """
    # %% first
    print a

    # %% make inputs
    print x
    print 2
    print 3
    print 4
    print 5
    #> stdout:
    #>   x
    #>   1
    #>   3
    #>   4
    #>   5
    """
    let (run, _) = runText(text)
    let report = NotebookChecker(settings: run.document.settings).check(run, notebookName: "demo.cnb")
    #expect(report.cells.map(\.cellID) == ["first", "make-inputs"])
    #expect(!report.passed)
    #expect(report.mismatches.count == 2)
    #expect(report.mismatches[0].diff == """
    --- demo.cnb (cell first, expected)
    +++ demo.cnb (cell first, actual)
    @@ -2,0 +3,2 @@
    +#> stdout:
    +#>   a

    """)
    #expect(report.mismatches[1].diff == """
    --- demo.cnb (cell make inputs, expected)
    +++ demo.cnb (cell make inputs, actual)
    @@ -10,6 +10,6 @@
     #> stdout:
     #>   x
    -#>   1
    +#>   2
     #>   3
     #>   4
     #>   5

    """)
}

/// The `...` line may take the unexpected last line too: the smallest diff then only
/// says that `y` is missing.
@Test func diffWithEllipsisShowsPattern() {
    let text = "# %% c\nprint a\nprint b\nprint c\nprint z\n#> stdout:\n#>   a\n#>   ...\n#>   y\n"
    let (run, _) = runText(text)
    let report = NotebookChecker().check(run, notebookName: "n.cnb")
    #expect(report.mismatches.first?.diff == """
    --- n.cnb (cell c, expected)
    +++ n.cnb (cell c, actual)
    @@ -6,4 +6,5 @@
     #> stdout:
     #>   a
     #>   ...
    -#>   y

    """)
}

@Test func checkSkipsIgnoredCellsAndReportsNotRun() {
    let text = """
    # %% a tags=["nbval-ignore-output"]
    print anything

    # %% b tags=["skip-execution"]
    print never

    # %% ok
    print 1
    #> stdout:
    #>   1

    # %% boom
    raise ValueError: x

    # %% later
    print 2
    """
    let (run, _) = runText(text)
    let report = NotebookChecker().check(run, notebookName: "n.cnb")
    #expect(report.cells.map(\.cellID) == ["ok", "boom"])
    #expect(report.cells.map(\.passed) == [true, false])
    #expect(report.notRun == ["later"])
}

@Test func expectedErrorPasses() {
    let text = "# %% e tags=[\"raises-exception\"]\nraise RuntimeError: The size of tensor a (3) must match\n#> error:\n#>   RuntimeError: The size of tensor a (3) must match\n"
    let (run, _) = runText(text)
    #expect(NotebookChecker().check(run, notebookName: "n").passed)
}

@Test func updateRewritesOnlyExpectationBlocks() {
    let text = """
    # ---
    # jupyter:
    #   cnb: {timeout: 5}
    # ---
    # %% [markdown]
    # Prose   stays

    # %% new block
    print hello   
    value 1


    # %% stale
    print fresh
    #> stdout:
    #>   stale

    # %% still matches
    print 123
    #> stdout:
    #>   [0-9]+ (re)

    # %% now silent
    x = 1
    #> stdout:
    #>   old
    # %% ignored tags=["nbval-ignore-output"]
    print whatever
    #> stdout:
    #>   keep me
    """
    let document = NotebookDocument.parse(text)
    let run = NotebookRunner(executor: FakeExecutor()).run(document)
    let updated = NotebookChecker(settings: document.settings).update(document, with: run)
    #expect(updated.format() == """
    # ---
    # jupyter:
    #   cnb: {timeout: 5}
    # ---
    # %% [markdown]
    # Prose   stays

    # %% new block
    print hello   
    value 1
    #> stdout:
    #>   hello
    #> result:
    #>   1


    # %% stale
    print fresh
    #> stdout:
    #>   fresh

    # %% still matches
    print 123
    #> stdout:
    #>   [0-9]+ (re)

    # %% now silent
    x = 1
    # %% ignored tags=["nbval-ignore-output"]
    print whatever
    #> stdout:
    #>   keep me
    """)
    let rerun = NotebookRunner(executor: FakeExecutor()).run(updated)
    #expect(NotebookChecker(settings: updated.settings).check(rerun, notebookName: "n").passed)
}

@Test func updateKeepsLineEndingsAndMissingFinalNewline() {
    let text = "# %% a\r\nprint 1\r\n\r\n# %% b\r\nprint 2"
    let document = NotebookDocument.parse(text)
    let run = NotebookRunner(executor: FakeExecutor()).run(document)
    let updated = NotebookChecker().update(document, with: run).format()
    #expect(updated == "# %% a\r\nprint 1\r\n#> stdout:\r\n#>   1\r\n\r\n# %% b\r\nprint 2\r\n#> stdout:\r\n#>   2")
}

@Test func replacingExpectationsLeavesOtherBytes() {
    let text = "# %% a\nx\n#> result:\n#>   1\n\n\n# %% b\ny  \n"
    let doc = NotebookDocument.parse(text)
    let changes: [String: OutputExpectation?] = ["a": nil, "b": OutputExpectation(parts: [part(.result, "2")])]
    let new = doc.replacingExpectations(changes)
    #expect(new.format() == "# %% a\nx\n\n\n# %% b\ny  \n#> result:\n#>   2\n")
    #expect(doc.replacingExpectations([:]).format() == text)
}

@Test("numeric tokens", arguments: [
    ("tensor([1.5e-3, -2.])", ["tensor([", "1.5e-3", ", ", "-2.", "])"]),
    ("x-1 y", ["x-", "1", " y"]),
    ("loss .25", ["loss ", ".25"]),
])
func numericTokens(_ input: String, _ expected: [String]) {
    #expect(NumericTolerance.tokens(input).map { String($0.text) } == expected)
}
