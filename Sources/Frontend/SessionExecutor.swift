import Dispatch
import Synchronization
import Interpreter
import Notebook

/// Adapts the interpreter to the notebook runner: one session for all cells, output
/// streamed to the runner as it is produced, errors reported as `.error` outputs.
public final class SessionExecutor: CellExecutor, OutputSink {
    public private(set) var interpreter: Interpreter!
    private var emitTarget: ((CellOutput) -> Void)?

    public init() {
        // The interpreter holds its sink strongly; going through a weak forwarder keeps the
        // executor -> interpreter -> executor cycle from leaking every session (found by
        // valgrind: `cnb check a.cnb b.cnb` kept each notebook's whole session alive).
        let forwarder = WeakOutputForwarder()
        interpreter = Interpreter(output: forwarder)
        forwarder.target = self
    }

    // MARK: OutputSink

    public func write(_ text: String, stream: OutputChannel) {
        emitTarget?(.stream(name: stream == .stdout ? "stdout" : "stderr", text: text))
    }

    public func display(png: [UInt8], width: Int, height: Int) {
        emitTarget?(.display(mime: "image/png", data: png, width: width, height: height))
    }

    // MARK: CellExecutor

    public func execute(source: String, cellName: String, executionCount: Int, timeout: Double?,
                        emit: (CellOutput) -> Void) -> CellStatus {
        withoutActuallyEscaping(emit) { emit in
            emitTarget = emit
            defer { emitTarget = nil }
            let timer = timeout.map { CellTimer(seconds: $0) }
            defer { timer?.cancel() }
            interpreter.timeoutSeconds = timeout
            let outcome = interpreter.execute(source, name: "Cell In[\(executionCount)]",
                                              display: !ReplInput.endsWithSemicolon(source))
            let status = report(outcome, emit: emit)
            interpreter.finishCell()
            return status
        }
    }

    /// Emits the outcome of a cell and maps it to a status.
    func report(_ outcome: CellOutcome, emit: (CellOutput) -> Void) -> CellStatus {
        switch outcome {
        case .ok(let value):
            if let value {
                do {
                    emit(.result(text: try interpreter.displayText(value)))
                } catch {
                    let e = interpreter.pythonError(error)
                    emit(.error(ename: e.className, evalue: interpreter.errorMessage(e),
                                traceback: interpreter.renderTraceback(e).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
                    return .error
                }
            }
            return .ok
        case .syntaxError(let rendered, let name, let message):
            emit(.error(ename: name, evalue: message,
                        traceback: rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
            return .syntaxError
        case .error(let e):
            emit(.error(ename: e.className, evalue: interpreter.errorMessage(e),
                        traceback: interpreter.renderTraceback(e).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
            return .error
        }
    }
}

/// Passes interpreter output on to a session executor without owning it.
final class WeakOutputForwarder: OutputSink {
    weak var target: SessionExecutor?

    func write(_ text: String, stream: OutputChannel) {
        target?.write(text, stream: stream)
    }

    func display(png: [UInt8], width: Int, height: Int) {
        target?.display(png: png, width: width, height: height)
    }
}

/// Sets the interpreter's interrupt flag to "time limit" after a delay, unless cancelled.
final class CellTimer: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    init(seconds: Double) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler { interruptRequest.store(2, ordering: .relaxed) }
        timer.resume()
    }

    func cancel() {
        timer.cancel()
        // A timer that fired just as the cell ended must not leak into the next cell.
        _ = interruptRequest.compareExchange(expected: 2, desired: 0, ordering: .relaxed)
    }
}
