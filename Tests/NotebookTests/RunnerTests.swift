import Testing
@testable import Notebook

@Test func runsCodeCellsInOrderWithCounts() {
    let (run, exec) = runText("# %% [markdown]\n# hi\n\n# %% a\nprint 1\n\n# %%\nvalue 2\n")
    #expect(run.cells.map(\.status) == [.text, .ok, .ok])
    #expect(run.cells.map(\.executionCount) == [nil, 1, 2])
    #expect(exec.calls.map(\.cellName) == ["a", "cell-3"])
    #expect(exec.calls.map(\.source) == ["print 1", "value 2"])
    #expect(run.cells[1].outputs == [.stream(name: "stdout", text: "1\n")])
    #expect(run.succeeded && run.stoppedAt == nil)
}

@Test func expectationIsStrippedBeforeExecution() {
    let (_, exec) = runText("# %%\nprint 1\n#> stdout:\n#>   1\n")
    #expect(exec.calls.map(\.source) == ["print 1"])
}

@Test func streamChunksAreJoined() {
    let (run, _) = runText("# %%\nwrite a\nwrite b\nwarn c\nprint d\n")
    #expect(run.cells[0].outputs == [.stream(name: "stdout", text: "ab"), .stream(name: "stderr", text: "c\n"),
                                     .stream(name: "stdout", text: "d\n")])
}

@Test func unexpectedErrorStopsTheRun() {
    let (run, exec) = runText("# %% one\nprint 1\n\n# %% two\nraise ValueError: bad\n\n# %% three\nprint 3\n")
    #expect(exec.calls.count == 2)
    #expect(run.cells.map(\.id) == ["one", "two"])
    #expect(run.stoppedAt?.id == "two")
    #expect(!run.succeeded)
    #expect(run.unexpectedErrors.map(\.id) == ["two"])
}

@Test func syntaxErrorStopsTheRun() {
    let (run, exec) = runText("# %%\nsyntax\n\n# %%\nprint 3\n")
    #expect(exec.calls.count == 1)
    #expect(run.cells.last?.status == .syntaxError)
}

@Test func raisesExceptionTagGoesOn() {
    let (run, exec) = runText("# %% e tags=[\"raises-exception\"]\nraise ValueError: bad\n\n# %%\nprint 3\n")
    #expect(exec.calls.count == 2)
    #expect(run.succeeded)
    #expect(run.cells.map(\.status) == [.error, .ok])
}

@Test func allowErrorsGoesOn() {
    let (run, exec) = runText("# %%\nraise A: x\n\n# %%\nraise B: y\n\n# %%\nprint 3\n", options: RunOptions(allowErrors: true))
    #expect(exec.calls.count == 3)
    #expect(run.stoppedAt == nil)
    #expect(run.unexpectedErrors.count == 2)
}

@Test func skipExecutionTakesNoCount() {
    let (run, exec) = runText("# %% tags=[\"skip-execution\"]\nprint 1\n\n# %%\nprint 2\n")
    #expect(exec.calls.map(\.source) == ["print 2"])
    #expect(run.cells.map(\.status) == [.skipped, .ok])
    #expect(run.cells.map(\.executionCount) == [nil, 1])
}

@Test func timeoutsArePassedThrough() {
    let text = "# ---\n# jupyter:\n#   cnb:\n#     timeout: 30\n# ---\n# %%\na\n\n# %% timeout=5\nb\n\n# %% timeout=0.5\nc\n"
    let (_, exec) = runText(text)
    #expect(exec.calls.map(\.timeout) == [30, 5, 0.5])
    let (_, exec2) = runText(text, options: RunOptions(defaultTimeout: 10))
    #expect(exec2.calls.map(\.timeout) == [10, 5, 0.5])
    let (_, exec3) = runText("# %%\na\n")
    #expect(exec3.calls.map(\.timeout) == [nil])
}

@Test func parametersAreInjectedAfterTheParametersCell() throws {
    let text = "# %% setup\nprint 0\n\n# %% params tags=[\"parameters\"]\nalpha = 1\n\n# %%\nprint 2\n"
    let params = [try NotebookParameter.parse("alpha=0.5"), try NotebookParameter.parse("name=hello \"x\""),
                  try NotebookParameter.parse("flag=True")]
    let (run, exec) = runText(text, options: RunOptions(parameters: params))
    #expect(run.cells.map(\.id) == ["setup", "params", "injected-parameters", "cell-3"])
    let injected = run.cells[2].cell
    #expect(injected.tags == ["injected-parameters"])
    #expect(injected.source == "# Parameters\nalpha = 0.5\nname = \"hello \\\"x\\\"\"\nflag = True")
    #expect(exec.calls.map(\.executionCount) == [1, 2, 3, 4])
    #expect(exec.calls[2].cellName == "injected-parameters")
}

@Test func parametersGoFirstWithoutAParametersCellAndReplaceOldInjection() throws {
    let text = "# %% injected-parameters tags=[\"injected-parameters\"]\nold = 1\n\n# %% a\nprint 1\n"
    let (run, _) = runText(text, options: RunOptions(parameters: [try NotebookParameter.parse("x=3")]))
    #expect(run.cells.map(\.id) == ["injected-parameters-2", "a"])
    #expect(run.cells[0].cell.source == "# Parameters\nx = 3")
}

struct ParameterCase: CustomTestStringConvertible, Sendable {
    var id: String
    var text: String
    var literal: String?
    var testDescription: String { id }
}

@Test("parameter literals", arguments: [
    ParameterCase(id: "int", text: "n=3", literal: "3"),
    ParameterCase(id: "negative-float", text: "lr=-1.5e-3", literal: "-1.5e-3"),
    ParameterCase(id: "none", text: "x=None", literal: "None"),
    ParameterCase(id: "string", text: "s=abc", literal: "\"abc\""),
    ParameterCase(id: "empty", text: "s=", literal: "\"\""),
    ParameterCase(id: "backslash", text: "p=a\\b", literal: "\"a\\\\b\""),
    ParameterCase(id: "not-number", text: "v=1.2.3", literal: "\"1.2.3\""),
    ParameterCase(id: "bad-name", text: "1x=3", literal: nil),
    ParameterCase(id: "no-equals", text: "x", literal: nil),
])
func parameterLiterals(_ c: ParameterCase) {
    let parsed = try? NotebookParameter.parse(c.text)
    #expect(parsed?.literal == c.literal)
}

final class RecordingSink: TranscriptSink {
    var events: [String] = []
    func textCell(_ cell: Cell) { events.append("text \(cell.id)") }
    func codeCellStarted(_ cell: Cell, executionCount: Int) { events.append("start \(cell.id) \(executionCount)") }
    func output(_ output: CellOutput, cell: Cell, executionCount: Int) { events.append("out \(cell.id)") }
    func codeCellFinished(_ run: CellRun) { events.append("end \(run.id) \(run.status)") }
}

@Test func streamsToTheSink() {
    let sink = RecordingSink()
    let executor = FakeExecutor()
    _ = NotebookRunner(executor: executor).run(
        NotebookDocument.parse("# %% [md]\n# x\n\n# %% a\nwrite 1\nwrite 2\n\n# %% s tags=[\"skip-execution\"]\n\n# %% b\nraise E: x\n\n# %% c\n"),
        sink: sink)
    #expect(sink.events == ["text cell-1", "start a 1", "out a", "out a", "end a ok", "end s skipped",
                            "start b 2", "out b", "end b error"])
}
