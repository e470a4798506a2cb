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
