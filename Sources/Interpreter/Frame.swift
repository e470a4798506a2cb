import Language

/// Compiled code of one expression: evaluates in a frame.
typealias Code = (Frame) throws -> Value
/// Compiled code of a statement or block: runs in a frame and reports control flow.
typealias Block = (Frame) throws -> Flow
/// Compiled assignment target: stores a value.
typealias Store = (Frame, Value) throws -> Void

// Compiled closures kept in arrays are wrapped in these structs. An array (like any generic
// container) stores a bare closure at its most general calling convention, so every call through
// it runs two reabstraction thunks; a struct field keeps the closure's own convention.

/// A `Code` kept in an array.
struct CodeRef {
    let run: Code
}

/// A `Block` kept in an array.
struct BlockRef {
    let run: Block
}

/// A `Store` kept in an array.
struct StoreRef {
    let run: Store
}

/// The activation record of a function call, a cell, or a class body.
/// Locals live in a fixed buffer indexed by slots the compiler assigned.
final class Frame {
    let locals: UnsafeMutablePointer<Value?>
    let localCount: Int
    var cells: [PyCell]
    var returnValue: Value = .none
    /// The value of the cell's last expression statement, for `Out[n]`.
    var displayValue: Value?
    /// The running function (nil at module level), for `super()` and tracebacks.
    let function: PyFunction?
    /// A class body's namespace while it executes.
    var namespace: AttributeTable?

    init(localCount: Int, cells: [PyCell], function: PyFunction?) {
        self.localCount = localCount
        locals = UnsafeMutablePointer<Value?>.allocate(capacity: max(1, localCount))
        locals.initialize(repeating: nil, count: max(1, localCount))
        self.cells = cells
        self.function = function
    }

    deinit {
        locals.deinitialize(count: max(1, localCount))
        locals.deallocate()
    }
}

/// The compiled form of a `def` or `lambda`.
final class FunctionCode {
    struct Param {
        var name: String
        var kind: Parameter.Kind
        var slot: Int
        var hasDefault: Bool
    }
    let name: String
    let qualifiedName: String
    let docstring: String?
    let params: [Param]
    let positionalOnlyCount: Int
    let localCount: Int
    /// Cells this function creates on entry (its captured locals), before the free cells.
    let ownCellCount: Int
    /// (parameter slot, cell index) for parameters that inner functions capture.
    let cellParams: [(Int, Int)]
    let source: SourceFile
    let headerSpan: Span
    var body: Block = { _ in .normal }
    /// Fast path: only plain positional parameters, no defaults needed.
    let simplePositional: Int?
    /// The class whose body defined this function (for zero-argument `super()`).
    var ownerClass: PyClass?

    init(name: String, qualifiedName: String, docstring: String?, params: [Param], positionalOnlyCount: Int,
         localCount: Int, ownCellCount: Int, cellParams: [(Int, Int)], source: SourceFile, headerSpan: Span) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.docstring = docstring
        self.params = params
        self.positionalOnlyCount = positionalOnlyCount
        self.localCount = localCount
        self.ownCellCount = ownCellCount
        self.cellParams = cellParams
        self.source = source
        self.headerSpan = headerSpan
        if params.allSatisfy({ $0.kind == .normal }) {
            simplePositional = params.count
        } else {
            simplePositional = nil
        }
    }

    /// `f(a, b=1, *args, c, **kw)` for help and `?`.
    var signature: String {
        var parts: [String] = []
        var sawStar = false
        for p in params {
            switch p.kind {
            case .normal: parts.append(p.hasDefault ? "\(p.name)=..." : p.name)
            case .varPositional: parts.append("*\(p.name)"); sawStar = true
            case .keywordOnly:
                if !sawStar { parts.append("*"); sawStar = true }
                parts.append(p.hasDefault ? "\(p.name)=..." : p.name)
            case .varKeyword: parts.append("**\(p.name)")
            }
        }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}
