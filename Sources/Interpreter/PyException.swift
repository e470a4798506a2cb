import Language

/// One line of a traceback: where in which code the error passed.
public struct TracebackEntry: Sendable {
    public var source: SourceFile
    public var span: Span
    /// `<module>` at top level, otherwise the function's name.
    public var function: String
}

/// A raised Python exception travelling through Swift as an error.
public final class PyException: Error, @unchecked Sendable {
    /// The exception instance (an instance of a class derived from BaseException).
    public let value: PyInstance
    /// Innermost first.
    public var traceback: [TracebackEntry] = []
    /// The span of the innermost expression that failed in the current frame, not yet
    /// recorded as a traceback entry.
    var pendingSpan: Span?
    /// `raise X from Y`.
    public var cause: PyException?
    /// The exception that was being handled when this one was raised (implicit chaining).
    public var context: PyException?

    init(_ value: PyInstance) { self.value = value }

    public var className: String { value.cls.name }
    /// `str(exc)`: the message.
    public var message: String {
        if let m = value.native as? ExceptionState { return m.message }
        return ""
    }
}

/// Native state of an exception instance.
final class ExceptionState {
    var args: [Value]
    var message: String
    /// `__cause__`, set by `raise ... from cause`.
    var cause: Value = .none
    /// `__context__`: the exception being handled when this one was raised.
    var context: Value = .none
    /// `__suppress_context__`: set by `raise ... from ...` (the context is not printed).
    var suppressContext = false
    /// The traceback as it was when the exception was last caught (for chained tracebacks).
    var traceback: [TracebackEntry] = []
    init(args: [Value], message: String) {
        self.args = args
        self.message = message
    }
}

/// Control flow that crosses function and loop boundaries in compiled code.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returned
}

/// Raised by the interrupt poll (Ctrl-C, time limits).
public struct InterruptRequest: Sendable {
    public var reason: String
}

extension Interpreter {
    /// Makes an exception of the named builtin class with a message.
    public func makeError(_ className: String, _ message: String) -> PyException {
        let cls = builtinExceptionClasses[className] ?? builtinExceptionClasses["Exception"]!
        let inst = PyInstance(cls: cls)
        inst.native = ExceptionState(args: message.isEmpty ? [] : [.str(message)], message: message)
        return PyException(inst)
    }
    public func typeError(_ m: String) -> PyException { makeError("TypeError", m) }
    public func valueError(_ m: String) -> PyException { makeError("ValueError", m) }
    public func runtimeError(_ m: String) -> PyException { makeError("RuntimeError", m) }
    public func indexError(_ m: String) -> PyException { makeError("IndexError", m) }
    public func keyError(_ key: Value) -> PyException {
        let e = makeError("KeyError", (try? repr(key)) ?? "?")
        if let st = e.value.native as? ExceptionState { st.args = [key] }
        return e
    }
    public func attributeError(_ m: String) -> PyException { makeError("AttributeError", m) }
    public func nameError(_ name: String) -> PyException { makeError("NameError", "name '\(name)' is not defined") }
    public func zeroDivision(_ m: String) -> PyException { makeError("ZeroDivisionError", m) }
    public func overflowError(_ m: String) -> PyException { makeError("OverflowError", m) }
    public func notImplemented(_ m: String) -> PyException { makeError("NotImplementedError", m) }
    public func sandboxError(_ what: String) -> PyException {
        makeError("PermissionError", "\(what) is not available: cnb notebooks are sandboxed (no files, network, processes or environment)")
    }

    /// Renders a traceback the way cnb prints it: innermost frame last, each with its source
    /// line and a caret under the failing part, then `Name: message`.
    public func renderTraceback(_ e: PyException) -> String {
        var out = ""
        if let cause = e.cause {
            out += renderTraceback(cause)
            out += "\n\nThe above exception was the direct cause of the following exception:\n\n"
        } else if let context = e.context, (e.value.native as? ExceptionState)?.suppressContext != true {
            out += renderTraceback(context)
            out += "\n\nDuring handling of the above exception, another exception occurred:\n\n"
        }
        if !e.traceback.isEmpty {
            out += "Traceback (most recent call last):\n"
            for entry in e.traceback.reversed() {
                let src = entry.source
                let line = src.line(of: entry.span.start)
                var header = "  \(src.name), line \(line)"
                if entry.function != "<module>" { header += ", in \(entry.function)" }
                out += header + "\n"
                let text = src.lineText(line)
                let trimmed = text.drop { $0 == " " || $0 == "\t" }
                let indent = text.unicodeScalars.count - trimmed.unicodeScalars.count
                out += "    " + trimmed + "\n"
                let startCol = src.column(of: entry.span.start)
                let endLine = src.line(of: max(entry.span.start, entry.span.end - 1))
                let endCol = endLine == line ? src.column(of: entry.span.end) : text.unicodeScalars.count
                let width = max(1, endCol - startCol)
                let lead = max(0, startCol - indent)
                // Python omits the caret line when it would underline the whole line.
                if !(lead == 0 && width >= trimmed.unicodeScalars.count) {
                    out += "    " + displayPad(text, from: indent, count: lead) + String(repeating: "^", count: displayWidth(text, from: startCol, count: width)) + "\n"
                }
            }
        }
        out += errorLine(e)
        return out
    }

    /// `Name: message` (or just `Name` when the message is empty).
    public func errorLine(_ e: PyException) -> String {
        let msg = (try? str(.object(e.value))) ?? e.message
        return msg.isEmpty ? e.className : "\(e.className): \(msg)"
    }

    private func displayPad(_ text: String, from: Int, count: Int) -> String {
        String(repeating: " ", count: displayWidth(text, from: from, count: count))
    }

    /// Terminal columns taken by `count` scalars of `text` starting at scalar `from`
    /// (East Asian wide characters take two).
    private func displayWidth(_ text: String, from: Int, count: Int) -> Int {
        let scalars = Array(text.unicodeScalars)
        var w = 0
        var i = from
        while i < min(from + count, scalars.count) {
            w += isWide(scalars[i]) ? 2 : 1
            i += 1
        }
        return w + max(0, from + count - max(i, scalars.count))
    }
}

/// East Asian Wide/Fullwidth ranges (enough for CJK text in source lines).
func isWide(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
         0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
         0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return true
    default:
        return false
    }
}
