/// The `cnb run` transcript in IPython's look, written as the run streams.
///
/// Layout, matched against IPython 8 (`ipython --simple-prompt`):
/// * `In [n]: ` before a code cell's first source line, and before each further line the
///   continuation prompt `...: ` right-aligned to the width of `In [n]: ` (`   ...: ` for
///   n < 10, `    ...: ` for n in 10...99). Empty source lines keep the prompt's trailing
///   space, as IPython prints them. IPython's extra empty `...: ` line that ends a block
///   typed by hand is not shown: a cell's source is complete as it is.
/// * Streamed output right after the source, as it comes.
/// * `Out[n]: ` and the repr; a repr with a newline starts on the next line, after
///   `Out[n]: ` (IPython keeps the prompt's trailing space there too).
/// * An error as its traceback lines (`Name: message` when the traceback is empty).
/// * A picture as `<image/png WxH>`.
/// * One blank line between cells (IPython's `separate_in`), none after the last.
/// * Markdown and raw cells as their text; skipped cells are not shown.
/// * Colour (off by default): green `In [n]:` and continuation prompts, red `Out[n]:`,
///   numbers in bold, as IPython's classic prompts.
public final class TerminalTranscript: TranscriptSink {
    private let color: Bool
    private let write: (String) -> Void
    private var shownCells = 0
    private var atLineStart = true
    /// Draws a picture for the terminal (text with escapes); nil keeps `<image/png WxH>`.
    public var renderPicture: ((_ mime: String, _ data: [UInt8], _ width: Int, _ height: Int) -> String?)?

    /// A transcript that sends its text to `write` (e.g. standard output).
    public init(color: Bool = false, write: @escaping (String) -> Void) {
        self.color = color
        self.write = write
    }

    /// The whole transcript of a finished run, as the live one would have printed it.
    public static func render(_ run: NotebookRun, color: Bool = false) -> String {
        var out = ""
        let transcript = TerminalTranscript(color: color) { out += $0 }
        transcript.replay(run)
        return out
    }

    /// Feeds a finished run through this sink.
    public func replay(_ run: NotebookRun) {
        for cellRun in run.cells {
            switch cellRun.status {
            case .text: textCell(cellRun.cell)
            case .skipped: codeCellFinished(cellRun)
            case .ok, .error, .syntaxError:
                guard let n = cellRun.executionCount else { continue }
                codeCellStarted(cellRun.cell, executionCount: n)
                for output in cellRun.outputs { self.output(output, cell: cellRun.cell, executionCount: n) }
                codeCellFinished(cellRun)
            }
        }
    }

    private func emit(_ text: String) {
        guard !text.isEmpty else { return }
        write(text)
        atLineStart = text.hasSuffix("\n")
    }

    private func endLine() {
        if !atLineStart { emit("\n") }
    }

    private func beginCell() {
        endLine()
        if shownCells > 0 { emit("\n") }
        shownCells += 1
    }

    /// `In [n]: `, coloured when asked.
    func inPrompt(_ n: Int) -> String {
        color ? "\u{1B}[32mIn [\u{1B}[1;32m\(n)\u{1B}[0;32m]: \u{1B}[0m" : "In [\(n)]: "
    }

    /// The continuation prompt aligned under `In [n]: `.
    func continuationPrompt(_ n: Int) -> String {
        let width = "In [\(n)]: ".count
        let plain = String(repeating: " ", count: max(0, width - 5)) + "...: "
        return color ? "\u{1B}[32m" + plain + "\u{1B}[0m" : plain
    }

    /// `Out[n]: `, coloured when asked.
    func outPrompt(_ n: Int) -> String {
        color ? "\u{1B}[31mOut[\u{1B}[1;31m\(n)\u{1B}[0;31m]: \u{1B}[0m" : "Out[\(n)]: "
    }

    /// Shows a markdown or raw cell's text.
    public func textCell(_ cell: Cell) {
        beginCell()
        emit(cell.source.isEmpty ? "\n" : cell.source + "\n")
    }

    /// Shows the prompt and source.
    public func codeCellStarted(_ cell: Cell, executionCount: Int) {
        beginCell()
        let lines = cell.source.split(separator: "\n", omittingEmptySubsequences: false)
        var text = ""
        for (i, line) in lines.enumerated() {
            text += (i == 0 ? inPrompt(executionCount) : continuationPrompt(executionCount)) + line + "\n"
        }
        emit(text)
    }

    /// Shows one output.
    public func output(_ output: CellOutput, cell: Cell, executionCount: Int) {
        switch output {
        case .stream(_, let text):
            emit(text)
        case .result(let text):
            endLine()
            emit(outPrompt(executionCount) + (text.contains("\n") ? "\n" : "") + text + "\n")
        case .display(let mime, let data, let width, let height):
            endLine()
            if let drawn = renderPicture?(mime, data, width, height) {
                emit(drawn.hasSuffix("\n") ? drawn : drawn + "\n")
            } else {
                emit("<\(mime) \(width)x\(height)>\n")
            }
        case .error(let ename, let evalue, let traceback):
            endLine()
            let text = traceback.isEmpty ? OutputText.errorLine(ename: ename, evalue: evalue) : traceback.joined(separator: "\n")
            emit(text.hasSuffix("\n") ? text : text + "\n")
        }
    }

    /// Ends the cell's last line.
    public func codeCellFinished(_ run: CellRun) {
        endLine()
    }
}
