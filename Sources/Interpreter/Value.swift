import Tensors

/// A Python value. Small values live inline (no allocation for numbers, booleans, None);
/// everything else is one reference.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case tensor(Tensor)
    case object(PyObject)

    @inline(__always) public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// The base of every heap-allocated Python object other than str and tensors.
/// Subclasses override what they support; the defaults raise Python's errors.
open class PyObject {
    public init() {}
    /// `type(x).__name__`.
    open var typeName: String { "object" }
    /// The class object of this value, when it has one (user instances, builtin types).
    open var pyClass: PyClass? { nil }
    open func repr(_ interp: Interpreter) throws -> String {
        "<\(typeName) object>"
    }
    open func str(_ interp: Interpreter) throws -> String { try repr(interp) }
    /// Attribute lookup; nil means "no such attribute" (the caller raises AttributeError).
    open func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? { nil }
    /// Attribute assignment; false means "not supported" (the caller raises).
    open func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool { false }
    open func deleteAttribute(_ name: String, _ interp: Interpreter) throws -> Bool { false }
    /// Attribute names for completion and `dir()`.
    open func attributeNames(_ interp: Interpreter) -> [String] { [] }
    /// Calling the object; nil means "not callable".
    open func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? { nil }
    open var isCallable: Bool { false }
}

/// Arguments as they arrive at a native function.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(String, Value)]
    public init(_ positional: [Value], _ keywords: [(String, Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }
}

// MARK: - Containers

public final class PyList: PyObject {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
    override public var typeName: String { "list" }
}

public final class PyTuple: PyObject {
    public let items: [Value]
    /// A `torch.Size`: a tuple of ints that prints as `torch.Size([2, 3])`.
    public let isTorchSize: Bool
    /// For named tuples (`torch.return_types.max`): the qualified name and field names.
    public let structName: String?
    public let fields: [String]
    public init(_ items: [Value], torchSize: Bool = false) {
        self.items = items
        self.isTorchSize = torchSize
        self.structName = nil
        self.fields = []
    }
    public init(named name: String, fields: [String], _ items: [Value]) {
        self.items = items
        self.isTorchSize = false
        self.structName = name
        self.fields = fields
    }
    override public var typeName: String { isTorchSize ? "Size" : structName.map { String($0.split(separator: ".").last ?? "tuple") } ?? "tuple" }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if let i = fields.firstIndex(of: name) { return items[i] }
        return nil
    }
    nonisolated(unsafe) public static let empty = PyTuple([])
}

/// Python's insertion-ordered dict.
public final class PyDict: PyObject {
    public private(set) var keys: [Value?] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int] = [:]
    private var live = 0
    /// Set for `collections.OrderedDict` instances (repr differs).
    public var isOrdered = false
    public override init() {}
    override public var typeName: String { isOrdered ? "OrderedDict" : "dict" }
    public var count: Int { live }

    public func get(_ key: Value, _ interp: Interpreter) throws -> Value? {
        let k = try HashKey(key, interp)
        guard let i = index[k] else { return nil }
        return values[i]
    }
    public func set(_ key: Value, _ value: Value, _ interp: Interpreter) throws {
        let k = try HashKey(key, interp)
        if let i = index[k] {
            values[i] = value
        } else {
            index[k] = keys.count
            keys.append(key)
            values.append(value)
            live += 1
        }
    }
    @discardableResult
    public func remove(_ key: Value, _ interp: Interpreter) throws -> Value? {
        let k = try HashKey(key, interp)
        guard let i = index.removeValue(forKey: k) else { return nil }
        keys[i] = nil
        let v = values[i]
        values[i] = .none
        live -= 1
        if live * 2 < keys.count && keys.count > 16 { compact() }
        return v
    }
    public func removeAll() {
        keys = []
        values = []
        index = [:]
        live = 0
    }
    private func compact() {
        var nk: [Value?] = []
        var nv: [Value] = []
        var ni: [HashKey: Int] = [:]
        for (i, k) in keys.enumerated() {
            guard let k else { continue }
            if let hk = try? HashKey.unchecked(k) { ni[hk] = nk.count }
            nk.append(k)
            nv.append(values[i])
        }
        keys = nk
        values = nv
        index = ni
    }
    /// Live (key, value) pairs in insertion order.
    public var pairs: [(Value, Value)] {
        var out: [(Value, Value)] = []
        out.reserveCapacity(live)
        for (i, k) in keys.enumerated() {
            if let k { out.append((k, values[i])) }
        }
        return out
    }
    public var liveKeys: [Value] { keys.compactMap { $0 } }
}

public final class PySet: PyObject {
    public private(set) var members: [HashKey: Value] = [:]
    public private(set) var order: [HashKey] = []
    public var frozen = false
    public override init() {}
    override public var typeName: String { frozen ? "frozenset" : "set" }
    public func insert(_ v: Value, _ interp: Interpreter) throws {
        let k = try HashKey(v, interp)
        if members[k] == nil {
            members[k] = v
            order.append(k)
        }
    }
    public func contains(_ v: Value, _ interp: Interpreter) throws -> Bool {
        members[try HashKey(v, interp)] != nil
    }
    @discardableResult
    public func remove(_ v: Value, _ interp: Interpreter) throws -> Bool {
        let k = try HashKey(v, interp)
        guard members.removeValue(forKey: k) != nil else { return false }
        order.removeAll { $0 == k }
        return true
    }
    public var elements: [Value] { order.compactMap { members[$0] } }
    public var count: Int { members.count }
}

/// `range(start, stop, step)`.
public final class PyRange: PyObject {
    public let start: Int, stop: Int, step: Int
    public init(_ start: Int, _ stop: Int, _ step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }
    override public var typeName: String { "range" }
    public var count: Int {
        if step > 0 { return start < stop ? (stop - start - 1) / step + 1 : 0 }
        return start > stop ? (start - stop - 1) / (-step) + 1 : 0
    }
}

/// `slice(start, stop, step)` objects and the parts of `x[a:b:c]`.
public final class PySlice: PyObject {
    public let start: Value, stop: Value, step: Value
    public init(_ start: Value, _ stop: Value, _ step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }
    override public var typeName: String { "slice" }
}

/// The `...` singleton.
public final class PyEllipsis: PyObject {
    nonisolated(unsafe) public static let shared = PyEllipsis()
    override public var typeName: String { "ellipsis" }
    override public func repr(_ interp: Interpreter) throws -> String { "Ellipsis" }
}

/// A cell holding a variable captured by a closure.
public final class PyCell {
    public var value: Value?
    public init(_ value: Value? = nil) { self.value = value }
}

/// A module-level variable: compiled code holds the box itself, so reading a global is a
/// pointer dereference, never a dictionary look-up.
public final class GlobalBox {
    public let name: String
    public var value: Value?
    public init(name: String, value: Value? = nil) {
        self.name = name
        self.value = value
    }
}

/// The globals of a module written in Python.
final class GlobalTable {
    var boxes: [String: GlobalBox] = [:]
    func box(_ name: String) -> GlobalBox {
        if let b = boxes[name] { return b }
        let b = GlobalBox(name: name)
        boxes[name] = b
        return b
    }
}

/// An iterator protocol object: `next()` returns nil when exhausted.
open class PyIterator: PyObject {
    open func next(_ interp: Interpreter) throws -> Value? { nil }
    override open var typeName: String { "iterator" }
}

/// Iterates over a fixed array snapshot.
public final class ArrayIterator: PyIterator {
    let items: [Value]
    var position = 0
    let name: String
    public init(_ items: [Value], name: String = "list_iterator") {
        self.items = items
        self.name = name
    }
    override public var typeName: String { name }
    override public func next(_ interp: Interpreter) throws -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

/// Iterates over a live list (sees appends, as Python does).
public final class ListIterator: PyIterator {
    let list: PyList
    var position = 0
    public init(_ list: PyList) { self.list = list }
    override public var typeName: String { "list_iterator" }
    override public func next(_ interp: Interpreter) throws -> Value? {
        guard position < list.items.count else { return nil }
        defer { position += 1 }
        return list.items[position]
    }
}

public final class RangeIterator: PyIterator {
    var current: Int
    let stop: Int, step: Int
    public init(_ r: PyRange) {
        current = r.start
        stop = r.stop
        step = r.step
    }
    override public var typeName: String { "range_iterator" }
    override public func next(_ interp: Interpreter) throws -> Value? {
        if step > 0 ? current >= stop : current <= stop { return nil }
        defer { current &+= step }
        return .int(current)
    }
}

/// An iterator implemented by a Swift closure.
public final class ClosureIterator: PyIterator {
    let body: (Interpreter) throws -> Value?
    let name: String
    public init(name: String, _ body: @escaping (Interpreter) throws -> Value?) {
        self.name = name
        self.body = body
    }
    override public var typeName: String { name }
    override public func next(_ interp: Interpreter) throws -> Value? { try body(interp) }
}

// MARK: - Hashing with Python's equality (1 == 1.0 == True)

public struct HashKey: Hashable {
    enum Repr: Hashable {
        case none
        case int(Int)
        case float(Double)
        case str(String)
        case tuple([HashKey])
        case identity(ObjectIdentifier)
    }
    let repr: Repr

    public init(_ v: Value, _ interp: Interpreter) throws {
        guard let r = HashKey.make(v) else {
            throw interp.typeError("unhashable type: '\(interp.typeName(v))'")
        }
        repr = r
    }
    static func unchecked(_ v: Value) throws -> HashKey {
        guard let r = make(v) else { throw CancellationLikeError() }
        return HashKey(repr: r)
    }
    private init(repr: Repr) { self.repr = repr }
    struct CancellationLikeError: Error {}

    static func make(_ v: Value) -> Repr? {
        switch v {
        case .none: return Repr.none
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(i)
        case .float(let d):
            if d == d.rounded(), abs(d) < 9.2e18 { return .int(Int(d)) }
            return .float(d)
        case .str(let s): return .str(s)
        case .tensor(let t): return .identity(ObjectIdentifier(t))
        case .object(let o):
            if let t = o as? PyTuple {
                var parts: [HashKey] = []
                for item in t.items {
                    guard let r = make(item) else { return nil }
                    parts.append(HashKey(repr: r))
                }
                return .tuple(parts)
            }
            if o is PyList || o is PyDict { return nil }
            if let s = o as? PySet, !s.frozen { return nil }
            return .identity(ObjectIdentifier(o))
        }
    }
}
