import Tensors

/// Shape, dtype and size of a tensor, for `%whos`.
public struct TensorSummary: Equatable, Sendable {
    public var shape: [Int]
    public var dtype: String
    public var count: Int
    public var bytes: Int
}

/// Helpers for the interactive REPL: inspecting live values without running user code
/// (completion and `obj?` must never call user code), and timing loops.
extension Interpreter {
    /// The value of a dotted name (`torch.nn.Conv2d`, `X.shape`) found through globals,
    /// builtins and `peekAttribute`; nil when some part is missing or would need code to run.
    public func lookUp(dottedName: String) -> Value? {
        let parts = dottedName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        guard var value = global(first) ?? builtins[first] else { return nil }
        for part in parts.dropFirst() {
            guard !part.isEmpty, let next = peekAttribute(value, part) else { return nil }
            value = next
        }
        return value
    }

    /// The attribute `name` of `value` when reading it runs no user code: properties and
    /// `__getattr__` are skipped (nil), native attributes (modules, tensors, nn.Module
    /// registries) are read.
    public func peekAttribute(_ value: Value, _ name: String) -> Value? {
        switch value {
        case .object(let inst as PyInstance):
            if let x = inst.dict[name] { return x }
            if let native = inst.native as? NativeInstanceState,
               let x = try? native.getAttribute(name, of: inst, self) {
                return x
            }
            guard let attr = inst.cls.lookup(name) else { return nil }
            if case .object(is PyProperty) = attr { return nil }
            return bindIfFunction(attr, value)
        case .object(let cls as PyClass):
            guard let attr = cls.lookup(name) else { return nil }
            if case .object(is PyProperty) = attr { return nil }
            return attr
        default:
            return (try? getAttributeOrNil(value, name)) ?? nil
        }
    }

    /// Shape, dtype and byte size when `value` is a tensor.
    public func tensorSummary(_ value: Value) -> TensorSummary? {
        guard case .tensor(let t) = value else { return nil }
        return TensorSummary(shape: t.shape, dtype: t.dtype.name, count: t.count, bytes: t.count &* t.dtype.itemSize)
    }

    /// Calls a Python callable with positional arguments (used by `%timeit` to run its
    /// compiled loop function).
    public func invoke(_ callee: Value, _ arguments: [Value]) -> Result<Value, PyException> {
        // The per-run state `run(_:display:)` resets.
        outputWritten = 0
        outputCut = false
        handling = []
        depth = 0
        do {
            return .success(try call(callee, arguments, []))
        } catch {
            return .failure(asPyException(error))
        }
    }

    /// Unbinds a global name (the REPL's temporary helpers).
    public func removeGlobal(_ name: String) {
        globals[name]?.value = nil
    }
}
