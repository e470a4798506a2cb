/// One output of a code cell, in the order it was produced.
public enum CellOutput: Equatable, Sendable {
    /// Text written to a stream; `name` is `stdout` or `stderr`.
    case stream(name: String, text: String)
    /// The repr of the cell's last expression (IPython's `Out[n]`).
    case result(text: String)
    /// A picture (or other binary display) with its pixel size.
    case display(mime: String, data: [UInt8], width: Int, height: Int)
    /// The error that stopped the cell: type name, message and traceback lines.
    case error(ename: String, evalue: String, traceback: [String])
}

/// How a cell's execution ended.
public enum CellStatus: Equatable, Sendable {
    /// Ran to the end.
    case ok
    /// Raised an error (it was emitted as `.error`).
    case error
    /// Did not parse (the error was emitted as `.error`).
    case syntaxError
}

/// The engine that runs code cells; the interpreter is adapted to it by the `Frontend`.
///
/// Contract: cells share one session (names defined by a cell are seen by later ones);
/// `execute` returns normally even when the cell raised, and reports the error through
/// `emit(.error(...))` and its status; output is emitted as it is produced so transcripts
/// can stream it; a `timeout` (seconds) that runs out ends the cell with an error.
public protocol CellExecutor: AnyObject {
    /// Runs one code cell.
    func execute(source: String, cellName: String, executionCount: Int, timeout: Double?,
                 emit: (CellOutput) -> Void) -> CellStatus
}
