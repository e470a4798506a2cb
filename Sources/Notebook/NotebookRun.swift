/// What happened to one cell in a run.
public enum CellRunStatus: Equatable, Sendable {
    /// Executed without error.
    case ok
    /// Executed and raised.
    case error
    /// Did not parse.
    case syntaxError
    /// Code cell not run (`skip-execution`).
    case skipped
    /// A markdown or raw cell (nothing to run).
    case text
}

/// One cell of a run with its outputs.
public struct CellRun: Equatable, Sendable {
    /// The cell as in the document (or the injected parameters cell).
    public var cell: Cell
    /// The IPython-style execution count, nil when the cell was not executed.
    public var executionCount: Int?
    /// Outputs in order; adjacent stream chunks of one stream are joined.
    public var outputs: [CellOutput]
    /// How it ended.
    public var status: CellRunStatus

    /// Makes a cell run.
    public init(cell: Cell, executionCount: Int?, outputs: [CellOutput], status: CellRunStatus) {
        self.cell = cell
        self.executionCount = executionCount
        self.outputs = outputs
        self.status = status
    }

    /// The cell's stable id.
    public var id: String { cell.id }

    /// Whether it raised (or failed to parse).
    public var failed: Bool { status == .error || status == .syntaxError }

    /// Whether it raised although it was not tagged `raises-exception`.
    public var failedUnexpectedly: Bool { failed && !cell.hasTag("raises-exception") }

    /// Appends an output, joining it to the previous one when both are the same stream.
    mutating func append(_ output: CellOutput) {
        if case .stream(let name, let text) = output, let last = outputs.last,
           case .stream(let lastName, let lastText) = last, lastName == name {
            outputs[outputs.count - 1] = .stream(name: name, text: lastText + text)
        } else {
            outputs.append(output)
        }
    }
}

/// The result of running a notebook.
public struct NotebookRun: Equatable, Sendable {
    /// The document that was run.
    public var document: NotebookDocument
    /// The cells in order (markdown included, an injected parameters cell included), up to
    /// and including the cell that stopped the run.
    public var cells: [CellRun]
    /// The cell whose unexpected error stopped the run, if one did.
    public var stoppedAt: CellRun?

    /// Makes a run record.
    public init(document: NotebookDocument, cells: [CellRun], stoppedAt: CellRun?) {
        self.document = document
        self.cells = cells
        self.stoppedAt = stoppedAt
    }

    /// The document as an unexecuted run (no counts, no outputs), for exporting a
    /// notebook without running it, as jupytext does.
    public static func unexecuted(_ document: NotebookDocument) -> NotebookRun {
        let cells = document.cells.map { cell -> CellRun in
            switch cell.kind {
            case .code: return CellRun(cell: cell, executionCount: nil, outputs: [], status: .skipped)
            case .markdown, .raw: return CellRun(cell: cell, executionCount: nil, outputs: [], status: .text)
            }
        }
        return NotebookRun(document: document, cells: cells, stoppedAt: nil)
    }

    /// Cells that raised without the `raises-exception` tag (with `allowErrors` there can
    /// be several).
    public var unexpectedErrors: [CellRun] { cells.filter(\.failedUnexpectedly) }

    /// True when no cell failed unexpectedly.
    public var succeeded: Bool { unexpectedErrors.isEmpty }
}
