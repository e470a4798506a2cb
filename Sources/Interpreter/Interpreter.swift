import Language
import Tensors

/// Where program output goes. The REPL, the notebook runner and the tests each inject
/// their own sink, so output is captured the same way everywhere.
public protocol OutputSink: AnyObject {
    func write(_ text: String, stream: OutputChannel)
    /// A picture shown by the program (PNG bytes).
    func display(png: [UInt8], width: Int, height: Int)
}

public enum OutputChannel: Sendable {
    case stdout, stderr
}

/// What running one cell produced.
public enum CellOutcome {
    /// Ran to the end; the value of a final expression statement, if any and not None.
    case ok(Value?)
    /// A syntax error: rendered diagnostic, exception line.
    case syntaxError(rendered: String, name: String, message: String)
    /// An uncaught exception.
    case error(PyException)
}

/// A weak reference to a class (see `Interpreter.userClasses`).
final class WeakClassRef {
    weak var cls: PyClass?
    init(_ cls: PyClass) { self.cls = cls }
}

/// A notebook session: one global namespace, the builtins, the imported modules.
public final class Interpreter {
    public let output: OutputSink
    var globals: [String: GlobalBox] = [:]
    public internal(set) var builtins: [String: Value] = [:]
    var builtinExceptionClasses: [String: PyClass] = [:]
    var builtinTypes: [String: PyClass] = [:]
    var modules: [String: Value] = [:]
    /// Exceptions being handled (for bare `raise`).
    var handling: [PyException] = []
    /// Python call depth, for RecursionError.
    var depth = 0
    public var recursionLimit = 1000
    /// Cap on characters written per cell (a runaway print loop is cut with a note).
    public var outputLimit = 10_000_000
    /// The last cell returned an Out value and its figures wait for `finishCell()`.
    var figuresPending = false
    var outputWritten = 0
    var outputCut = false
    var addressCounter = 0x7f00_0000_0000
    var addresses: [ObjectIdentifier: Int] = [:]
    /// The cell currently running (for `Cell In[n]` names).
    public var cellCounter = 0
    /// Per-session tensor-print options (torch.set_printoptions).
    var printOptions = TorchPrintOptions.default
    /// The running cell's time limit, for the timeout message.
    public var timeoutSeconds: Double?
    /// pyplot's per-session state (Plot/PlotState.swift), created on first use.
    var plotState: AnyObject?

    public init(output: OutputSink) {
        self.output = output
        installBuiltins()
        installPlotting()
    }

    /// Globals of modules written in Python (d2l's helpers), kept so `deinit` can clear them.
    var pythonModuleTables: [GlobalTable] = []

    /// Breaks the reference cycles that run through global variables before the session goes:
    /// a function's compiled body holds the boxes of the globals it names, so a recursive
    /// function (box -> function -> body -> box), a class whose methods name the class, or
    /// helpers that call each other would otherwise outlive the interpreter with everything
    /// they reach (found by fuzzing: RSS grew with every input).
    deinit {
        for b in globals.values { b.value = nil }
        for table in pythonModuleTables {
            for b in table.boxes.values { b.value = nil }
        }
        // A method's code names its class (for `super()`): class -> namespace -> function ->
        // code -> class. Emptying the namespaces of the classes still alive breaks those cycles.
        for entry in userClasses { entry.cls?.dict = AttributeTable() }
    }

    /// Classes made by `class` statements, held weakly so `deinit` can break their cycles.
    var userClasses: [WeakClassRef] = []
    /// Parsed parameter lists of native functions, by function name (see `bind`).
    var bindSpecs: [String: BindSpec] = [:]
    private var userClassesCompactedAt = 64

    /// Remembers a class made by a `class` statement (dropping entries of freed classes now
    /// and then, so a long session that makes classes in a loop stays small).
    func registerUserClass(_ cls: PyClass) {
        userClasses.append(WeakClassRef(cls))
        if userClasses.count >= userClassesCompactedAt {
            userClasses.removeAll { $0.cls == nil }
            userClassesCompactedAt = Swift.max(64, userClasses.count * 2)
        }
    }

    // MARK: - Globals

    func globalBox(_ name: String) -> GlobalBox {
        if let b = globals[name] { return b }
        let b = GlobalBox(name: name)
        globals[name] = b
        return b
    }

    /// The value of a global variable, if bound.
    public func global(_ name: String) -> Value? { globals[name]?.value }
    public func setGlobal(_ name: String, _ value: Value) { globalBox(name).value = value }
    /// Names bound in the session, in no particular order.
    public var globalNames: [String] { globals.compactMap { $0.value.value == nil ? nil : $0.key } }
    /// Forgets every user variable (`%reset -f`).
    public func resetGlobals() {
        for b in globals.values { b.value = nil }
    }

    // MARK: - Running code

    /// Parses, compiles and runs one cell. `name` is how tracebacks name it (`Cell In[3]`).
    public func execute(_ text: String, name: String, display: Bool = true) -> CellOutcome {
        let source = SourceFile(name: name, text: text)
        let module: Module
        do {
            module = try Parser.parse(source)
        } catch {
            return .syntaxError(rendered: error.rendered(), name: error.errorClass, message: error.message)
        }
        return run(module, display: display)
    }

    /// Shows the figures of the cell that just ran, once its Out value has been shown (as
    /// Jupyter does: the execute_result comes before the inline backend's figures).
    public func finishCell() {
        if figuresPending {
            figuresPending = false
            flushFigures()
        }
    }

    /// Runs an already parsed module.
    public func run(_ module: Module, display: Bool) -> CellOutcome {
        // A caller that did not finish the previous cell still gets its figures, in order.
        finishCell()
        outputWritten = 0
        outputCut = false
        handling = []
        depth = 0
        let compiler = Compiler(interp: self, source: module.source)
        let block: Block, slots: Int
        do {
            (block, slots) = try compiler.compileModule(module, display: display)
        } catch {
            // Errors found while compiling (`return` outside a function, a bad `nonlocal`)
            // are syntax errors: nothing of the cell runs.
            let e = asPyException(error)
            let message = e.message
            if let entry = e.traceback.first {
                let d = Diagnostic(kind: .syntax, message: message, span: entry.span, source: entry.source)
                return .syntaxError(rendered: d.rendered(), name: e.className, message: message)
            }
            return .syntaxError(rendered: "\(e.className): \(message)", name: e.className, message: message)
        }
        do {
            let frame = Frame(localCount: slots, cells: [], function: nil)
            _ = try block(frame)
            // Figures drawn by the cell show when it ends (Jupyter's inline backend), after
            // its Out value: the caller shows that value, then calls `finishCell()`.
            if let v = frame.displayValue, !v.isNone {
                figuresPending = true
                return .ok(v)
            }
            flushFigures()
            return .ok(nil)
        } catch {
            let e = asPyException(error)
            if let span = e.pendingSpan {
                e.traceback.append(TracebackEntry(source: module.source, span: span, function: "<module>"))
                e.pendingSpan = nil
            }
            flushFigures()
            return .error(e)
        }
    }

    /// Runs Python source as a library module (its own globals) and copies its public
    /// names into `module`. Used for helpers written in Python, like parts of d2l.
    func loadPythonSource(_ text: String, into module: PyModule) {
        let table = GlobalTable()
        pythonModuleTables.append(table)
        let source = SourceFile(name: "<\(module.name)>", text: text)
        guard let parsed = try? Parser.parse(source) else { return }
        let compiler = Compiler(interp: self, source: source, moduleTable: table)
        guard let (block, slots) = try? compiler.compileModule(parsed, display: false) else { return }
        _ = try? block(Frame(localCount: slots, cells: [], function: nil))
        for (name, box) in table.boxes.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("_") {
            if let v = box.value, module.dict[name] == nil { module.dict[name] = v }
        }
    }

    // MARK: - Errors

    /// Attaches `span` to an error that has no location in the current frame yet.
    @inline(never)
    func locate(_ error: Error, _ span: Span) -> Error {
        let e = asPyException(error)
        if e.pendingSpan == nil { e.pendingSpan = span }
        return e
    }

    /// Any error from the interpreter as a Python exception.
    public func pythonError(_ error: Error) -> PyException { asPyException(error) }

    /// `str(exc)`: the message part of `Name: message`.
    public func errorMessage(_ e: PyException) -> String {
        (try? str(.object(e.value))) ?? e.message
    }

    /// Sets the process-wide tensor memory limit (`--max-memory`).
    public static func setTensorMemoryLimit(bytes: Int) {
        TensorMemory.limit = bytes
    }

    /// Converts any Swift error into a Python exception.
    func asPyException(_ error: Error) -> PyException {
        if let e = error as? PyException { return e }
        if let t = error as? TensorError {
            let cls: String
            switch t.kind {
            case .runtime: cls = "RuntimeError"
            case .index: cls = "IndexError"
            case .type: cls = "TypeError"
            case .value: cls = "ValueError"
            case .notImplemented: cls = "NotImplementedError"
            }
            return makeError(cls, t.message)
        }
        if let f = error as? PyFormatError {
            if f.kind == .propagated, let u = f.underlying { return asPyException(u) }
            return makeError(f.pythonClassName, f.message)
        }
        return runtimeError("\(error)")
    }

    /// Records the pending location as the traceback entry of the frame `f` where it was
    /// caught (used before handlers run, so `except` sees a complete traceback), and keeps
    /// a copy on the instance for chained tracebacks (`from e`, errors inside handlers).
    func finishTraceback(_ e: PyException, _ f: Frame, _ moduleSource: SourceFile) {
        if let span = e.pendingSpan {
            let code = f.function?.code
            e.traceback.append(TracebackEntry(source: code?.source ?? moduleSource, span: span,
                                              function: code?.name ?? "<module>"))
            e.pendingSpan = nil
        }
        (e.value.native as? ExceptionState)?.traceback = e.traceback
    }

    /// Implicit chaining: `raised` escaped while `handled` was being handled (in an
    /// `except` or `finally` block of frame `f`).
    func chain(_ raised: PyException, context handled: PyException, _ f: Frame, _ moduleSource: SourceFile) {
        guard raised !== handled, raised.value !== handled.value, raised.context == nil else { return }
        finishTraceback(handled, f, moduleSource)
        raised.context = handled
        (raised.value.native as? ExceptionState)?.context = .object(handled.value)
    }

    func interruptError() -> PyException {
        let reason = interruptRequest.exchange(0, ordering: .relaxed)
        if reason == 2 {
            let limit = timeoutSeconds.map { " after \(PyFormat.floatRepr($0)) seconds" } ?? ""
            return makeError("TimeoutError", "cell execution timed out\(limit)")
        }
        return makeError("KeyboardInterrupt", "")
    }

    /// A stable fake address for default reprs (`<function f at 0x7f...>`), so
    /// transcripts are the same from run to run.
    func fakeAddress(_ o: AnyObject) -> String {
        let id = ObjectIdentifier(o)
        if let a = addresses[id] { return String(a, radix: 16) }
        addressCounter += 0x40
        addresses[id] = addressCounter
        return String(addressCounter, radix: 16)
    }

    // MARK: - Output

    /// Writes program output, enforcing the per-cell output cap.
    public func write(_ text: String, stream: OutputChannel = .stdout) {
        if outputCut { return }
        outputWritten += text.utf8.count
        if outputWritten > outputLimit {
            outputCut = true
            output.write("\n[output cut: more than \(outputLimit) bytes in one cell]\n", stream: .stderr)
            return
        }
        output.write(text, stream: stream)
    }
}
