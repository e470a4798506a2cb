/// Iterates a snapshot of a dict's or set's items, raising Python's RuntimeError when the
/// container's size changes meanwhile ("dictionary changed size during iteration").
final class SizeCheckedIterator: PyIterator {
    let items: [Value]
    var position = 0
    let name: String
    let what: String
    let size: () -> Int
    init(_ items: [Value], name: String, what: String, size: @escaping () -> Int) {
        self.items = items
        self.name = name
        self.what = what
        self.size = size
    }
    override var typeName: String { name }
    var finished = false
    override func next(_ interp: Interpreter) throws -> Value? {
        if finished { return nil }
        if size() != items.count {
            finished = true
            throw interp.runtimeError("\(what) changed size during iteration")
        }
        guard position < items.count else {
            finished = true
            return nil
        }
        defer { position += 1 }
        return items[position]
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict (they see later changes),
/// printed as `dict_keys(['a', 'b'])`.
public final class PyDictView: PyObject {
    public enum Kind {
        case keys, values, items
    }
    public let dict: PyDict
    public let kind: Kind
    public init(_ dict: PyDict, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }
    override public var typeName: String {
        let prefix = dict.isOrdered ? "odict_" : "dict_"
        switch kind {
        case .keys: return prefix + "keys"
        case .values: return prefix + "values"
        case .items: return prefix + "items"
        }
    }
    /// The view's elements now, in the dict's order.
    public var elements: [Value] {
        switch kind {
        case .keys: return dict.liveKeys
        case .values: return dict.pairs.map { $0.1 }
        case .items: return dict.pairs.map { .object(PyTuple([$0.0, $0.1])) }
        }
    }
    var iteratorName: String {
        switch kind {
        case .keys: return "dict_keyiterator"
        case .values: return "dict_valueiterator"
        case .items: return "dict_itemiterator"
        }
    }
}
