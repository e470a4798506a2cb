import Language

/// Insertion-ordered attribute storage for instances, classes and modules.
public struct AttributeTable {
    public private(set) var names: [String] = []
    private var slots: [String: Value] = [:]
    public init() {}
    @inline(__always) public subscript(_ name: String) -> Value? {
        get { slots[name] }
        set {
            if let newValue {
                if slots.updateValue(newValue, forKey: name) == nil { names.append(name) }
            } else if slots.removeValue(forKey: name) != nil {
                names.removeAll { $0 == name }
            }
        }
    }
    public var pairs: [(String, Value)] { names.compactMap { n in slots[n].map { (n, $0) } } }
    public var isEmpty: Bool { names.isEmpty }
}

/// A native function (builtins, torch functions, native methods). Methods of native
/// classes receive `self` as their first positional argument.
public final class PyBuiltinFunction: PyObject {
    public let name: String
    public let qualifiedName: String
    public let doc: String?
    public let signature: String?
    public let body: (Interpreter, Arguments) throws -> Value
    public init(_ name: String, qualified: String? = nil, signature: String? = nil, doc: String? = nil,
                _ body: @escaping (Interpreter, Arguments) throws -> Value) {
        self.name = name
        self.qualifiedName = qualified ?? name
        self.signature = signature
        self.doc = doc
        self.body = body
    }
    override public var typeName: String { "builtin_function_or_method" }
    override public var isCallable: Bool { true }
    override public func repr(_ interp: Interpreter) throws -> String { "<built-in function \(name)>" }
    override public func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        try body(interp, Arguments(args, kwargs))
    }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__name__": .str(self.name)
        case "__qualname__": .str(qualifiedName)
        case "__doc__": doc.map { .str($0) } ?? Value.none
        default: nil
        }
    }
}

/// A user-defined function (from `def` or `lambda`).
public final class PyFunction: PyObject {
    let code: FunctionCode
    var defaults: [Value]
    var kwDefaults: [String: Value]
    let closure: [PyCell]
    public var attributes = AttributeTable()
    init(code: FunctionCode, defaults: [Value], kwDefaults: [String: Value], closure: [PyCell]) {
        self.code = code
        self.defaults = defaults
        self.kwDefaults = kwDefaults
        self.closure = closure
    }
    public var name: String { code.name }
    override public var typeName: String { "function" }
    override public var isCallable: Bool { true }
    override public func repr(_ interp: Interpreter) throws -> String {
        "<function \(code.qualifiedName) at 0x\(interp.fakeAddress(self))>"
    }
    override public func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        try interp.callFunction(self, args, kwargs)
    }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__name__": return .str(code.name)
        case "__qualname__": return .str(code.qualifiedName)
        case "__doc__": return code.docstring.map { .str($0) } ?? Value.none
        case "__module__": return .str("__main__")
        case "__defaults__": return defaults.isEmpty ? Value.none : .object(PyTuple(defaults))
        default: return attributes[name]
        }
    }
    override public func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        attributes[name] = value
        return true
    }
}

/// `obj.method` bound to its receiver.
public final class PyBoundMethod: PyObject {
    public let receiver: Value
    public let function: Value
    public init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }
    override public var typeName: String { "method" }
    override public var isCallable: Bool { true }
    override public func repr(_ interp: Interpreter) throws -> String {
        let fname: String
        switch function {
        case .object(let f as PyFunction): fname = f.code.qualifiedName
        case .object(let f as PyBuiltinFunction): fname = f.qualifiedName
        default: fname = "?"
        }
        return "<bound method \(fname) of \(try interp.repr(receiver))>"
    }
    override public func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        try interp.call(function, [receiver] + args, kwargs)
    }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if name == "__self__" { return receiver }
        if name == "__func__" { return function }
        return try interp.getAttributeOrNil(function, name)
    }
}

/// `property(fget, fset)` descriptors, `staticmethod` and `classmethod` wrappers.
public final class PyProperty: PyObject {
    public var getter: Value
    public var setter: Value?
    public init(getter: Value, setter: Value?) {
        self.getter = getter
        self.setter = setter
    }
    override public var typeName: String { "property" }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        if name == "setter" {
            return .object(PyBuiltinFunction("setter") { [self] _, args in
                .object(PyProperty(getter: self.getter, setter: args.positional.first))
            })
        }
        if name == "fget" { return getter }
        return nil
    }
}

public final class PyStaticMethod: PyObject {
    public let function: Value
    public init(_ function: Value) { self.function = function }
    override public var typeName: String { "staticmethod" }
}

public final class PyClassMethod: PyObject {
    public let function: Value
    public init(_ function: Value) { self.function = function }
    override public var typeName: String { "classmethod" }
}

/// A class: user-defined (`class C(Base):`) or native (builtin types, exceptions, nn layers).
public final class PyClass: PyObject {
    public let name: String
    public var qualifiedName: String
    public let bases: [PyClass]
    /// The method resolution order after this class. The class itself is not stored in it:
    /// an array holding `self` is a retain cycle that kept every class (and with the
    /// builtin ones, every session) alive forever (found by LeakSanitizer under fuzzing).
    public private(set) var ancestors: [PyClass] = []
    /// Method resolution order (this class first).
    public var mro: [PyClass] { [self] + ancestors }
    public var dict = AttributeTable()
    /// The module name shown in reprs: `__main__` for user classes, `torch.nn` for layers.
    public var moduleName: String
    /// Native construction: makes the instance's native state before `__init__` runs.
    public var makeNativeState: ((PyInstance) -> Void)?
    /// True for BaseException and its subclasses.
    public var isException: Bool
    public var doc: String?
    /// Builtin types (int, list, torch.Tensor...) construct through a native function
    /// instead of `__init__`; subclasses inherit it through the MRO.
    public var nativeConstructor: ((Interpreter, PyClass, Arguments) throws -> Value)?

    public init(name: String, bases: [PyClass], module: String = "__main__") {
        self.name = name
        self.qualifiedName = name
        self.bases = bases
        self.moduleName = module
        self.isException = bases.contains { $0.isException }
        super.init()
        ancestors = PyClass.linearize(bases)
        makeNativeState = bases.lazy.compactMap { $0.makeNativeState }.first
    }

    /// C3 linearisation of the bases' MROs (single inheritance reduces to the chain).
    static func linearize(_ bases: [PyClass]) -> [PyClass] {
        var seqs = bases.map { $0.mro } + [bases]
        var out: [PyClass] = []
        while true {
            seqs = seqs.filter { !$0.isEmpty }
            if seqs.isEmpty { return out }
            var picked: PyClass?
            for s in seqs {
                let head = s[0]
                if !seqs.contains(where: { $0.dropFirst().contains { $0 === head } }) {
                    picked = head
                    break
                }
            }
            guard let head = picked else { return out + seqs.flatMap { $0 } }
            out.append(head)
            seqs = seqs.map { $0.first === head ? Array($0.dropFirst()) : $0 }
        }
    }

    /// Looks `name` up along the MRO.
    @inline(__always) public func lookup(_ name: String) -> Value? {
        if let v = dict[name] { return v }
        for c in ancestors {
            if let v = c.dict[name] { return v }
        }
        return nil
    }

    public func isSubclass(of other: PyClass) -> Bool { self === other || ancestors.contains { $0 === other } }

    override public var typeName: String { "type" }
    override public var isCallable: Bool { true }
    override public func repr(_ interp: Interpreter) throws -> String {
        "<class '\(moduleName == "builtins" ? "" : moduleName + ".")\(qualifiedName)'>"
    }
    override public func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        try interp.instantiate(self, args, kwargs)
    }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__name__": return .str(self.name)
        case "__qualname__": return .str(qualifiedName)
        case "__module__": return .str(moduleName)
        case "__doc__": return doc.map { .str($0) } ?? Value.none
        case "__mro__": return .object(PyTuple(mro.map { .object($0) }))
        case "__bases__": return .object(PyTuple(bases.map { .object($0) }))
        default: break
        }
        guard let v = lookup(name) else {
            // `C.__repr__` of a class that defines none: object's slot method, unbound.
            guard let body = objectSlotMethod(name) else { return nil }
            return .object(PyBuiltinFunction(name, qualified: "object.\(name)") { i, a in
                guard let receiver = a.positional.first else {
                    throw i.typeError("descriptor '\(name)' of 'object' object needs an argument")
                }
                return try body(i, receiver, Array(a.positional.dropFirst()))
            })
        }
        switch v {
        case .object(let sm as PyStaticMethod): return sm.function
        case .object(let cm as PyClassMethod): return .object(PyBoundMethod(receiver: .object(self), function: cm.function))
        default: return v
        }
    }
    override public func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        dict[name] = value
        return true
    }
    override public func attributeNames(_ interp: Interpreter) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for c in mro {
            for n in c.dict.names where seen.insert(n).inserted { out.append(n) }
        }
        return out
    }
}

/// An instance of a `PyClass`.
public final class PyInstance: PyObject {
    public let cls: PyClass
    public var dict = AttributeTable()
    /// State owned by a native base class (an nn.Module's registries, an exception's args).
    public var native: AnyObject?
    public init(cls: PyClass) { self.cls = cls }
    override public var typeName: String { cls.name }
    override public var pyClass: PyClass? { cls }
    override public var isCallable: Bool { cls.lookup("__call__") != nil }
    override public func repr(_ interp: Interpreter) throws -> String {
        if let r = cls.lookup("__repr__") {
            return try interp.expectString(try interp.call(r, [.object(self)], []), what: "__repr__")
        }
        return "<\(cls.moduleName).\(cls.qualifiedName) object at 0x\(interp.fakeAddress(self))>"
    }
    override public func str(_ interp: Interpreter) throws -> String {
        if let s = cls.lookup("__str__") {
            return try interp.expectString(try interp.call(s, [.object(self)], []), what: "__str__")
        }
        return try repr(interp)
    }
    override public func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        guard let c = cls.lookup("__call__") else { return nil }
        return try interp.call(c, [.object(self)] + args, kwargs)
    }
    override public func attributeNames(_ interp: Interpreter) -> [String] {
        dict.names + cls.attributeNames(interp).filter { dict[$0] == nil }
    }
}

/// A module object (`torch`, `torch.nn`, `math`, the notebook's `__main__`).
public final class PyModule: PyObject {
    public let name: String
    public var dict = AttributeTable()
    /// Fills attributes on first access, so start-up stays instant.
    var loader: ((PyModule) -> Void)?
    public init(name: String, loader: ((PyModule) -> Void)? = nil) {
        self.name = name
        self.loader = loader
    }
    func ensureLoaded() {
        if let l = loader {
            loader = nil
            l(self)
        }
    }
    override public var typeName: String { "module" }
    override public func repr(_ interp: Interpreter) throws -> String { "<module '\(name)'>" }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        ensureLoaded()
        if name == "__name__" { return .str(self.name) }
        return dict[name]
    }
    override public func setAttribute(_ name: String, _ value: Value, _ interp: Interpreter) throws -> Bool {
        ensureLoaded()
        dict[name] = value
        return true
    }
    override public func attributeNames(_ interp: Interpreter) -> [String] {
        ensureLoaded()
        return dict.names
    }
    /// Adds a native function.
    public func def(_ name: String, signature: String? = nil, doc: String? = nil,
                    _ body: @escaping (Interpreter, Arguments) throws -> Value) {
        dict[name] = .object(PyBuiltinFunction(name, qualified: "\(self.name).\(name)", signature: signature, doc: doc, body))
    }
}
