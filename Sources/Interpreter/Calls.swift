import Language
import Tensors

/// Native state of an instance that intercepts attribute access (nn.Module registries,
/// gluon Blocks) and may behave as a container.
protocol NativeInstanceState: AnyObject {
    /// Looked up after the instance dict misses and before the class.
    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value?
    /// Returns true when the assignment was taken (e.g. a Parameter registered).
    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool
    func deleteAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Bool
    func length(_ inst: PyInstance, _ interp: Interpreter) throws -> Int?
    func getItem(_ inst: PyInstance, _ index: Value, _ interp: Interpreter) throws -> Value?
    func iterate(_ inst: PyInstance, _ interp: Interpreter) throws -> PyIterator?
    func attributeNames() -> [String]
}

extension NativeInstanceState {
    func deleteAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Bool { false }
    func length(_ inst: PyInstance, _ interp: Interpreter) throws -> Int? { nil }
    func getItem(_ inst: PyInstance, _ index: Value, _ interp: Interpreter) throws -> Value? { nil }
    func iterate(_ inst: PyInstance, _ interp: Interpreter) throws -> PyIterator? { nil }
    func attributeNames() -> [String] { [] }
}

extension Interpreter {
    // MARK: - Types

    public func typeName(_ v: Value) -> String {
        switch v {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .str: "str"
        case .tensor(let t): t.isParameter ? "Parameter" : t.flavor == .ndarray ? "NDArray" : "Tensor"
        case .object(let o): o.typeName
        }
    }

    /// The class object of a value (`type(x)`).
    func classOf(_ v: Value) -> PyClass {
        switch v {
        case .none: return builtinTypes["NoneType"]!
        case .bool: return builtinTypes["bool"]!
        case .int: return builtinTypes["int"]!
        case .float: return builtinTypes["float"]!
        case .str: return builtinTypes["str"]!
        case .tensor(let t): return t.isParameter ? parameterClass : t.flavor == .ndarray ? ndarrayClass : tensorClass
        case .object(let o):
            if let c = o.pyClass { return c }
            if o is PyClass { return builtinTypes["type"]! }
            if let c = builtinTypes[o.typeName] { return c }
            let c = PyClass(name: o.typeName, bases: [builtinTypes["object"]!], module: "builtins")
            builtinTypes[o.typeName] = c
            return c
        }
    }

    // MARK: - Attributes

    func getAttribute(_ v: Value, _ name: String) throws -> Value {
        if let r = try getAttributeOrNil(v, name) { return r }
        switch v {
        case .object(let m as PyModule):
            throw attributeError("module '\(m.name)' has no attribute '\(name)'")
        case .object(let c as PyClass):
            throw attributeError("type object '\(c.name)' has no attribute '\(name)'")
        default:
            throw attributeError("'\(typeName(v))' object has no attribute '\(name)'")
        }
    }

    func getAttributeOrNil(_ v: Value, _ name: String) throws -> Value? {
        switch v {
        case .tensor(let t):
            if let a = try tensorAttribute(t, name) { return a }
            if let m = tensorMethod(name) {
                return .object(PyBoundMethod(receiver: v, function: .object(m)))
            }
            return nil
        case .object(let inst as PyInstance):
            if name == "__class__" { return .object(inst.cls) }
            if name == "__dict__" {
                let d = PyDict()
                for (k, x) in inst.dict.pairs { try d.set(.str(k), x, self) }
                return .object(d)
            }
            // Data descriptors (properties) on the class win over the instance dict.
            let classAttr = inst.cls.lookup(name)
            if case .object(let p as PyProperty)? = classAttr {
                return try call(p.getter, [v], [])
            }
            if let x = inst.dict[name] { return x }
            if let native = inst.native as? NativeInstanceState, let x = try native.getAttribute(name, of: inst, self) {
                return x
            }
            if let classAttr { return bindIfFunction(classAttr, v) }
            if let ga = inst.cls.lookup("__getattr__") {
                do { return try call(ga, [v, .str(name)], []) } catch let e as PyException where e.className == "AttributeError" {
                    return nil
                }
            }
            if let st = inst.native as? ExceptionState {
                if name == "args" { return .object(PyTuple(st.args)) }
                if name == "__cause__" { return st.cause }
                if name == "__context__" { return st.context }
                if name == "__suppress_context__" { return .bool(st.suppressContext) }
            }
            return nil
        case .object(let o):
            if let r = try o.getAttribute(name, self) { return r }
            if name == "__class__" { return .object(classOf(v)) }
            if let c = o as? PyClass, c.moduleName == "builtins", let m = unboundBuiltinMethod(c, name) { return .object(m) }
            if let m = builtinMethod(v, name) { return .object(PyBoundMethod(receiver: v, function: .object(m))) }
            return nil
        default:
            if name == "__class__" { return .object(classOf(v)) }
            if let a = try scalarAttribute(v, name) { return a }
            if let m = builtinMethod(v, name) { return .object(PyBoundMethod(receiver: v, function: .object(m))) }
            return nil
        }
    }

    /// Binds functions found on a class to the receiver.
    func bindIfFunction(_ attr: Value, _ receiver: Value) -> Value {
        switch attr {
        case .object(let f as PyFunction): return .object(PyBoundMethod(receiver: receiver, function: .object(f)))
        case .object(let f as PyBuiltinFunction): return .object(PyBoundMethod(receiver: receiver, function: .object(f)))
        case .object(let sm as PyStaticMethod): return sm.function
        case .object(let cm as PyClassMethod):
            let cls: Value
            if case .object(let inst as PyInstance) = receiver { cls = .object(inst.cls) } else { cls = receiver }
            return .object(PyBoundMethod(receiver: cls, function: cm.function))
        default: return attr
        }
    }

    func setAttribute(_ target: Value, _ name: String, _ value: Value) throws {
        switch target {
        case .tensor(let t):
            try tensorSetAttribute(t, name, value)
        case .object(let inst as PyInstance):
            if case .object(let p as PyProperty)? = inst.cls.lookup(name) {
                guard let s = p.setter else { throw attributeError("property '\(name)' of '\(inst.cls.name)' object has no setter") }
                _ = try call(s, [target, value], [])
                return
            }
            if let sa = inst.cls.lookup("__setattr__"), !isNativeSetattr(sa) {
                _ = try call(sa, [target, .str(name), value], [])
                return
            }
            try setInstanceAttribute(inst, name, value)
        case .object(let o):
            if try !o.setAttribute(name, value, self) {
                throw attributeError("'\(typeName(target))' object has no attribute '\(name)'")
            }
        default:
            throw attributeError("'\(typeName(target))' object has no attribute '\(name)'")
        }
    }

    private func isNativeSetattr(_ v: Value) -> Bool {
        if case .object(let f as PyBuiltinFunction) = v { return f.name == "__setattr__" }
        return false
    }

    /// `object.__setattr__`: native hooks first (module registration), then the dict.
    func setInstanceAttribute(_ inst: PyInstance, _ name: String, _ value: Value) throws {
        if let native = inst.native as? NativeInstanceState, try native.setAttribute(name, value, of: inst, self) {
            inst.dict[name] = nil
            return
        }
        inst.dict[name] = value
    }

    func deleteAttribute(_ target: Value, _ name: String) throws {
        if case .object(let inst as PyInstance) = target {
            if inst.dict[name] != nil {
                inst.dict[name] = nil
                return
            }
            if let native = inst.native as? NativeInstanceState, try native.deleteAttribute(name, of: inst, self) { return }
        } else if case .object(let o) = target, try o.deleteAttribute(name, self) {
            return
        }
        throw attributeError("'\(typeName(target))' object has no attribute '\(name)'")
    }

    /// `recv.name(args)` without materialising a bound method when possible.
    func callMethod(_ recv: Value, _ name: String, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        switch recv {
        case .tensor(let t):
            if let body = tensorMethodBodies[name] { return try body(self, t, Arguments(args, kwargs)) }
        case .object(let inst as PyInstance):
            if inst.dict[name] == nil, let f = inst.cls.lookup(name) {
                switch f {
                case .object(let fn as PyFunction): return try callFunction(fn, [recv] + args, kwargs)
                case .object(let fn as PyBuiltinFunction): return try fn.body(self, Arguments([recv] + args, kwargs))
                case .object(let p as PyProperty): return try call(try call(p.getter, [recv], []), args, kwargs)
                default: break
                }
            }
        case .object(let o) where !(o is PyModule) && !(o is PyClass):
            if let m = builtinMethod(recv, name) { return try m.body(self, Arguments([recv] + args, kwargs)) }
        case .str, .int, .float, .bool:
            if let m = builtinMethod(recv, name) { return try m.body(self, Arguments([recv] + args, kwargs)) }
        default: break
        }
        return try call(try getAttribute(recv, name), args, kwargs)
    }

    // MARK: - Calls

    func call(_ callee: Value, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        switch callee {
        case .object(let f as PyFunction): return try callFunction(f, args, kwargs)
        case .object(let f as PyBuiltinFunction): return try f.body(self, Arguments(args, kwargs))
        case .object(let m as PyBoundMethod): return try call(m.function, [m.receiver] + args, kwargs)
        case .object(let o):
            if let r = try o.call(args, kwargs, self) { return r }
        default: break
        }
        throw typeError("'\(typeName(callee))' object is not callable")
    }

    /// Binds arguments to a user function's parameters and runs its body.
    func callFunction(_ fn: PyFunction, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        let code = fn.code
        if interruptRequest.load(ordering: .relaxed) != 0 { throw interruptError() }
        depth += 1
        defer { depth -= 1 }
        if depth > recursionLimit {
            throw makeError("RecursionError", "maximum recursion depth exceeded")
        }
        var cells: [PyCell] = []
        if code.ownCellCount > 0 || !fn.closure.isEmpty {
            cells.reserveCapacity(code.ownCellCount + fn.closure.count)
            for _ in 0..<code.ownCellCount { cells.append(PyCell()) }
            cells.append(contentsOf: fn.closure)
        }
        let frame = Frame(localCount: code.localCount, cells: cells, function: fn)
        if let n = code.simplePositional, kwargs.isEmpty, args.count == n {
            for i in 0..<n { frame.locals[i] = args[i] }
        } else {
            try bindArguments(fn, args, kwargs, frame)
        }
        for (slot, c) in code.cellParams { frame.cells[c].value = frame.locals[slot] }
        do {
            _ = try code.body(frame)
        } catch {
            let e = asPyException(error)
            if let span = e.pendingSpan {
                e.traceback.append(TracebackEntry(source: code.source, span: span, function: code.name))
                e.pendingSpan = nil
            }
            throw e
        }
        return frame.returnValue
    }

    private func bindArguments(_ fn: PyFunction, _ args: [Value], _ kwargs: [(String, Value)], _ frame: Frame) throws {
        let code = fn.code
        let fname = code.qualifiedName  // Python 3.10+ names functions by __qualname__ in these errors
        let params = code.params
        let positional = params.filter { $0.kind == .normal }
        var bound = [Bool](repeating: false, count: params.count)
        var extra: [Value] = []
        var i = 0
        for a in args {
            if i < positional.count {
                frame.locals[positional[i].slot] = a
                if let idx = params.firstIndex(where: { $0.slot == positional[i].slot }) { bound[idx] = true }
                i += 1
            } else {
                extra.append(a)
            }
        }
        let varPos = params.first { $0.kind == .varPositional }
        if !extra.isEmpty {
            guard let vp = varPos else {
                let req = positional.filter { !$0.hasDefault }.count
                let expected = req == positional.count ? "\(positional.count)" : "from \(req) to \(positional.count)"
                throw typeError("\(fname)() takes \(expected) positional argument\(positional.count == 1 && req == positional.count ? "" : "s") but \(args.count) \(args.count == 1 ? "was" : "were") given")
            }
            frame.locals[vp.slot] = .object(PyTuple(extra))
        } else if let vp = varPos {
            frame.locals[vp.slot] = .object(PyTuple.empty)
        }
        let varKw = params.first { $0.kind == .varKeyword }
        let kwDict = PyDict()
        for (k, v) in kwargs {
            if let idx = params.firstIndex(where: { $0.name == k && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                if idx < code.positionalOnlyCount {
                    if varKw != nil {
                        try kwDict.set(.str(k), v, self)
                        continue
                    }
                    throw typeError("\(fname)() got some positional-only arguments passed as keyword arguments: '\(k)'")
                }
                if bound[idx] { throw typeError("\(fname)() got multiple values for argument '\(k)'") }
                frame.locals[params[idx].slot] = v
                bound[idx] = true
            } else if varKw != nil {
                try kwDict.set(.str(k), v, self)
            } else {
                throw typeError("\(fname)() got an unexpected keyword argument '\(k)'")
            }
        }
        if let vk = varKw { frame.locals[vk.slot] = .object(kwDict) }
        // Defaults for the trailing positional parameters.
        let nDefaults = fn.defaults.count
        var missing: [String] = []
        for (pi, p) in positional.enumerated() {
            guard let idx = params.firstIndex(where: { $0.slot == p.slot }), !bound[idx] else { continue }
            let di = pi - (positional.count - nDefaults)
            if di >= 0 && di < nDefaults {
                frame.locals[p.slot] = fn.defaults[di]
            } else {
                missing.append(p.name)
            }
        }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            throw typeError("\(fname)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        for (idx, p) in params.enumerated() where p.kind == .keywordOnly && !bound[idx] {
            if let d = fn.kwDefaults[p.name] {
                frame.locals[p.slot] = d
            } else {
                throw typeError("\(fname)() missing 1 required keyword-only argument: '\(p.name)'")
            }
        }
    }

    // MARK: - Classes

    /// Creates a class from a class statement.
    func makeClass(name: String, qualifiedName: String, bases: [Value], namespace: AttributeTable, doc: String?) throws -> Value {
        var baseClasses: [PyClass] = []
        for b in bases {
            guard case .object(let c as PyClass) = b else {
                throw typeError("bases must be types, not \(typeName(b))")
            }
            baseClasses.append(c)
        }
        if baseClasses.isEmpty { baseClasses = [builtinTypes["object"]!] }
        let cls = PyClass(name: name, bases: baseClasses, module: "__main__")
        registerUserClass(cls)
        cls.qualifiedName = qualifiedName
        cls.doc = doc
        cls.dict = namespace
        for (_, v) in namespace.pairs {
            switch v {
            case .object(let f as PyFunction): f.code.ownerClass = cls
            case .object(let p as PyProperty):
                if case .object(let f as PyFunction) = p.getter { f.code.ownerClass = cls }
            case .object(let s as PyStaticMethod):
                if case .object(let f as PyFunction) = s.function { f.code.ownerClass = cls }
            case .object(let s as PyClassMethod):
                if case .object(let f as PyFunction) = s.function { f.code.ownerClass = cls }
            default: break
            }
        }
        return .object(cls)
    }

    /// `C(args)`: native construction hooks, then `__init__`.
    func instantiate(_ cls: PyClass, _ args: [Value], _ kwargs: [(String, Value)]) throws -> Value {
        if let ctor = cls.lookupConstructor() { return try ctor(self, cls, Arguments(args, kwargs)) }
        let inst = PyInstance(cls: cls)
        if cls.isException {
            inst.native = ExceptionState(args: args, message: args.count == 1 ? try str(args[0]) : (args.isEmpty ? "" : try repr(.object(PyTuple(args)))))
        }
        cls.makeNativeState?(inst)
        let v = Value.object(inst)
        if let ini = cls.lookup("__init__") {
            let r = try call(ini, [v] + args, kwargs)
            if !r.isNone { throw typeError("__init__() should return None, not '\(typeName(r))'") }
        } else if !args.isEmpty || !kwargs.isEmpty, !cls.isException {
            throw typeError("\(cls.name)() takes no arguments")
        }
        return v
    }

    // MARK: - Exceptions

    /// The exception raised by `raise v` (a class or an instance).
    func exceptionFrom(_ v: Value) throws -> PyException {
        switch v {
        case .object(let inst as PyInstance) where inst.cls.isException:
            return PyException(inst)
        case .object(let cls as PyClass) where cls.isException:
            guard case .object(let inst as PyInstance) = try instantiate(cls, [], []) else {
                throw typeError("exceptions must derive from BaseException")
            }
            return PyException(inst)
        default:
            throw typeError("exceptions must derive from BaseException")
        }
    }

    func exceptionMatches(_ e: PyException, _ spec: Value) throws -> Bool {
        switch spec {
        case .object(let cls as PyClass): return e.value.cls.isSubclass(of: cls)
        case .object(let t as PyTuple):
            for s in t.items where try exceptionMatches(e, s) { return true }
            return false
        default:
            throw typeError("catching classes that do not inherit from BaseException is not allowed")
        }
    }

    // MARK: - Native instance hooks

    func nativeLength(_ inst: PyInstance) throws -> Int? {
        try (inst.native as? NativeInstanceState)?.length(inst, self)
    }
    func nativeGetItem(_ inst: PyInstance, _ index: Value) throws -> Value? {
        try (inst.native as? NativeInstanceState)?.getItem(inst, index, self)
    }
    func nativeIterate(_ inst: PyInstance) throws -> PyIterator? {
        try (inst.native as? NativeInstanceState)?.iterate(inst, self)
    }
}

extension PyClass {
    /// Builtin types (int, list, torch.Tensor...) construct through a native function.
    func lookupConstructor() -> ((Interpreter, PyClass, Arguments) throws -> Value)? {
        if let k = nativeConstructor { return k }
        for c in ancestors {
            if let k = c.nativeConstructor { return k }
        }
        return nil
    }
}
