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
        // Reuses the existing hash keys (user `__hash__` is not called again).
        var nk: [Value?] = []
        var nv: [Value] = []
        var newPosition = [Int](repeating: -1, count: keys.count)
        for (i, k) in keys.enumerated() {
            guard let k else { continue }
            newPosition[i] = nk.count
            nk.append(k)
            nv.append(values[i])
        }
        keys = nk
        values = nv
        index = index.mapValues { newPosition[$0] }
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
    /// The number of items, or nil when it does not fit in an Int (Python would raise
    /// OverflowError for `len`). Computed without overflow for any bounds.
    public var exactCount: Int? {
        let distance: UInt, stride: UInt
        if step > 0 {
            guard start < stop else { return 0 }
            distance = UInt(bitPattern: stop &- start)
            stride = UInt(step)
        } else {
            guard start > stop else { return 0 }
            distance = UInt(bitPattern: start &- stop)
            stride = step.magnitude
        }
        let c = (distance - 1) / stride + 1
        return c <= UInt(Int.max) ? Int(c) : nil
    }
    /// The number of items, saturated at Int.max.
    public var count: Int { exactCount ?? Int.max }
    /// Item `k` (0 ≤ k < count): always within the bounds, so wrapping arithmetic is exact.
    public func item(_ k: Int) -> Int { start &+ k &* step }
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
        let value = current
        let (next, overflow) = current.addingReportingOverflow(step)
        current = overflow ? stop : next  // past Int's range means past the end
        return .int(value)
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
        case user(UserHashed)
    }
    let repr: Repr

    /// An instance of a class with its own `__hash__`: equal keys are found with its `__eq__`.
    struct UserHashed: Hashable {
        let hash: Int
        let object: PyInstance
        unowned let interp: Interpreter
        static func == (a: UserHashed, b: UserHashed) -> Bool {
            if a.object === b.object { return true }
            guard a.hash == b.hash else { return false }
            // Hashable's == cannot throw: an `__eq__` that raises counts as "not equal".
            return (try? a.interp.truthy(try a.interp.richEquals(.object(a.object), .object(b.object)))) ?? false
        }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    public init(_ v: Value, _ interp: Interpreter) throws {
        guard let r = try HashKey.make(v, interp) else {
            throw interp.typeError("unhashable type: '\(interp.typeName(v))'")
        }
        repr = r
    }
    private init(repr: Repr) { self.repr = repr }

    /// The hash Python reports for a user `__hash__` (nil for other values).
    var userHash: Int? {
        if case .user(let u) = repr { return u.hash }
        return nil
    }

    /// Python's rule for instances: walking the MRO, a class that defines `__eq__` without
    /// `__hash__` makes instances unhashable; a `__hash__` (not None) is called.
    private static func instanceKey(_ inst: PyInstance, _ interp: Interpreter) throws -> Repr? {
        for c in inst.cls.mro {
            if let h = c.dict["__hash__"] {
                if h.isNone { return nil }
                let r = try interp.call(h, [.object(inst)], [])
                switch r {
                case .int(let n): return .user(UserHashed(hash: n, object: inst, interp: interp))
                case .bool(let b): return .user(UserHashed(hash: b ? 1 : 0, object: inst, interp: interp))
                default: throw interp.typeError("__hash__ method should return an integer")
                }
            }
            if c.dict["__eq__"] != nil { return nil }
        }
        return .identity(ObjectIdentifier(inst))
    }

    static func make(_ v: Value, _ interp: Interpreter) throws -> Repr? {
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
                interp.depth += 1
                defer { interp.depth -= 1 }
                if interp.depth > interp.recursionLimit {
                    throw interp.makeError("RecursionError", "maximum recursion depth exceeded while calling a Python object")
                }
                var parts: [HashKey] = []
                for item in t.items {
                    guard let r = try make(item, interp) else { return nil }
                    parts.append(HashKey(repr: r))
                }
                return .tuple(parts)
            }
            if let inst = o as? PyInstance { return try instanceKey(inst, interp) }
            if o is PyList || o is PyDict { return nil }
            if let s = o as? PySet, !s.frozen { return nil }
            return .identity(ObjectIdentifier(o))
        }
    }
}
