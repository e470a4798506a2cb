/// Receives a run as it happens, for live transcripts. Every method has a default that
/// does nothing.
public protocol TranscriptSink: AnyObject {
    /// A markdown or raw cell was reached.
    func textCell(_ cell: Cell)
    /// A code cell is about to run as `In [executionCount]`.
    func codeCellStarted(_ cell: Cell, executionCount: Int)
    /// The running cell produced output (stream chunks arrive as produced).
    func output(_ output: CellOutput, cell: Cell, executionCount: Int)
    /// A code cell finished (or was skipped: then `run.status == .skipped`).
    func codeCellFinished(_ run: CellRun)
}

extension TranscriptSink {
    /// Does nothing.
    public func textCell(_ cell: Cell) {}
    /// Does nothing.
    public func codeCellStarted(_ cell: Cell, executionCount: Int) {}
    /// Does nothing.
    public func output(_ output: CellOutput, cell: Cell, executionCount: Int) {}
    /// Does nothing.
    public func codeCellFinished(_ run: CellRun) {}
}
