/// A `-p name=value` parameter for the notebook's `parameters` cell.
public struct NotebookParameter: Equatable, Sendable {
    /// A Python identifier.
    public var name: String
    /// The value as given on the command line.
    public var value: String

    /// Makes a parameter.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `name=value`; the name must be an identifier.
    public static func parse(_ text: String) throws(NotebookError) -> NotebookParameter {
        guard let eq = text.firstIndex(of: "=") else {
            throw NotebookError(message: "parameter `\(text)` must look like name=value")
        }
        let name = String(text[..<eq])
        guard let first = name.first, first == "_" || first.isLetter,
              name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else {
            throw NotebookError(message: "parameter name `\(name)` is not a valid identifier")
        }
        return NotebookParameter(name: name, value: String(text[text.index(after: eq)...]))
    }

    /// The Python literal for the value, as papermill makes it: integers, floats, `True`,
    /// `False` and `None` as written, anything else as a double-quoted string.
    public var literal: String {
        if ["True", "False", "None"].contains(value) || NotebookParameter.isNumber(value) { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `[-+]?digits[.digits][e[-+]digits]` or `[-+]?.digits...`.
    static func isNumber(_ s: String) -> Bool {
        var chars = Substring(s)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        let intDigits = chars.prefix(while: { $0.isASCII && $0.isNumber })
        chars = chars.dropFirst(intDigits.count)
        var fracDigits = 0
        if chars.first == "." {
            chars = chars.dropFirst()
            let f = chars.prefix(while: { $0.isASCII && $0.isNumber })
            fracDigits = f.count
            chars = chars.dropFirst(f.count)
        }
        guard intDigits.count + fracDigits > 0 else { return false }
        if chars.first == "e" || chars.first == "E" {
            chars = chars.dropFirst()
            if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
            let e = chars.prefix(while: { $0.isASCII && $0.isNumber })
            guard !e.isEmpty else { return false }
            chars = chars.dropFirst(e.count)
        }
        return chars.isEmpty
    }
}

/// Options of a notebook run.
public struct RunOptions: Equatable, Sendable {
    /// Go on after a cell raises unexpectedly (nbclient's `allow_errors`).
    public var allowErrors: Bool
    /// Timeout in seconds for cells without `timeout=` metadata; overrides the header's.
    public var defaultTimeout: Double?
    /// Parameters to inject after the `parameters` cell.
    public var parameters: [NotebookParameter]

    /// Makes options.
    public init(allowErrors: Bool = false, defaultTimeout: Double? = nil, parameters: [NotebookParameter] = []) {
        self.allowErrors = allowErrors
        self.defaultTimeout = defaultTimeout
        self.parameters = parameters
    }
}

/// Runs a document's code cells in order through a `CellExecutor`.
///
/// Rules: `skip-execution` cells are not run (and take no execution count); a cell that
/// raises stops the run unless it is tagged `raises-exception` or `allowErrors` is set;
/// the timeout of a cell is its `timeout=` metadata, else `defaultTimeout`, else the
/// header's `timeout:`; with parameters, a cell titled and tagged `injected-parameters`
/// is put after the first `parameters` cell (at the top when there is none), replacing
/// any `injected-parameters` cell already in the file.
public final class NotebookRunner {
    private let executor: any CellExecutor
    private let options: RunOptions

    /// Makes a runner.
    public init(executor: any CellExecutor, options: RunOptions = RunOptions()) {
        self.executor = executor
        self.options = options
    }

    /// The cell that holds the parameters: `# Parameters` then `name = literal` lines.
    public static func injectedParametersCell(_ parameters: [NotebookParameter]) -> Cell {
        let source = (["# Parameters"] + parameters.map { "\($0.name) = \($0.literal)" }).joined(separator: "\n")
        return Cell(kind: .code, title: "injected-parameters",
                    metadata: [MetadataEntry(key: "tags", value: .array([.string("injected-parameters")]))],
                    source: source)
    }

    /// The cells to run: the document's, with parameters injected.
    func plannedCells(_ document: NotebookDocument) -> [Cell] {
        guard !options.parameters.isEmpty else { return document.cells }
        var cells = document.cells.filter { !$0.hasTag("injected-parameters") }
        var injected = NotebookRunner.injectedParametersCell(options.parameters)
        var used = Set(document.cells.map(\.id))
        injected.id = CellID.unique("injected-parameters", used: &used)
        if let p = cells.firstIndex(where: { $0.hasTag("parameters") }) {
            injected.line = cells[p].line
            cells.insert(injected, at: p + 1)
        } else {
            cells.insert(injected, at: 0)
        }
        return cells
    }

    /// Runs the document, streaming to `sink`.
    public func run(_ document: NotebookDocument, sink: (any TranscriptSink)? = nil) -> NotebookRun {
        var runs: [CellRun] = []
        var count = 0
        for cell in plannedCells(document) {
            switch cell.kind {
            case .markdown, .raw:
                sink?.textCell(cell)
                runs.append(CellRun(cell: cell, executionCount: nil, outputs: [], status: .text))
                continue
            case .code:
                break
            }
            if cell.hasTag("skip-execution") {
                let skipped = CellRun(cell: cell, executionCount: nil, outputs: [], status: .skipped)
                sink?.codeCellFinished(skipped)
                runs.append(skipped)
                continue
            }
            count += 1
            let n = count
            sink?.codeCellStarted(cell, executionCount: n)
            var cellRun = CellRun(cell: cell, executionCount: n, outputs: [], status: .ok)
            let timeout = cell.timeout ?? options.defaultTimeout ?? document.settings.timeout
            let status = executor.execute(source: cell.source, cellName: cell.displayName, executionCount: n,
                                          timeout: timeout) { output in
                cellRun.append(output)
                sink?.output(output, cell: cell, executionCount: n)
            }
            switch status {
            case .ok: cellRun.status = .ok
            case .error: cellRun.status = .error
            case .syntaxError: cellRun.status = .syntaxError
            }
            sink?.codeCellFinished(cellRun)
            runs.append(cellRun)
            if cellRun.failedUnexpectedly && !options.allowErrors {
                return NotebookRun(document: document, cells: runs, stoppedAt: cellRun)
            }
        }
        return NotebookRun(document: document, cells: runs, stoppedAt: nil)
    }
}
