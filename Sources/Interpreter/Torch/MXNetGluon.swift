import Foundation
import Tensors

/// Native state of a Gluon `Block`: its name prefix, its ParameterDict, its child blocks and
/// registered parameters in assignment order, and (for native layers) forward and repr.
final class BlockState: NativeInstanceState {
    /// `conv0_`; nil until `Block.__init__` has named the block.
    var prefix: String?
    var params: PyInstance?
    /// Child blocks by attribute name (`Sequential` uses "0", "1", ...).
    var children: [(String, PyInstance)] = []
    /// Parameters assigned as attributes (`self.weight = self.params.get(...)`), for `hybrid_forward`.
    var regParams: [(String, PyInstance)] = []
    /// Counters of this block's name scope, per alias.
    var scopeCounters: [String: Int] = [:]
    /// The forward of native layers.
    var forward: ((Interpreter, PyInstance, Arguments) throws -> Value)?
    /// The repr of native layers.
    var repr: ((Interpreter, PyInstance) throws -> String)?

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "params", "prefix", "name":
            try interp.mxEnsureNamed(inst)
            if name == "params" { return params.map { .object($0) } ?? Value.none }
            let p = prefix ?? ""
            if name == "prefix" { return .str(p) }
            return .str(p.hasSuffix("_") ? String(p.dropLast()) : p)
        default:
            return nil
        }
    }

    /// Blocks and Parameters assigned as attributes are registered (and also stored in the
    /// instance dict, as Gluon's `__setattr__` does).
    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool {
        guard case .object(let v as PyInstance) = value else { return false }
        if v.native is BlockState {
            if let k = children.firstIndex(where: { $0.0 == name }) { children[k].1 = v } else { children.append((name, v)) }
        } else if v.native is MXParameter {
            if let k = regParams.firstIndex(where: { $0.0 == name }) { regParams[k].1 = v } else { regParams.append((name, v)) }
        }
        return false
    }

    func attributeNames() -> [String] { ["params", "prefix", "name"] }
}

extension Interpreter {
    /// `mxnet.gluon.Block`.
    var mxBlockClass: PyClass {
        if let c = builtinTypes["mxnet.gluon.Block"] { return c }
        let c = PyClass(name: "Block", bases: [builtinTypes["object"]!], module: "mxnet.gluon.block")
        c.makeNativeState = { inst in inst.native = BlockState() }
        builtinTypes["mxnet.gluon.Block"] = c
        func def(_ name: String, _ params: [String], varargs: Bool = false, varkw: Bool = false,
                 _ body: @escaping (Interpreter, PyInstance, BlockState, BoundArguments) throws -> Value) {
            c.dict[name] = .object(PyBuiltinFunction(name, qualified: "Block.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first else {
                    throw i.typeError("descriptor '\(name)' requires a 'Block' object")
                }
                if inst.native == nil { inst.native = BlockState() }
                guard let st = inst.native as? BlockState else { throw i.typeError("descriptor '\(name)' requires a 'Block' object") }
                let b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params, varargs: varargs, varkw: varkw)
                return try body(i, inst, st, b)
            })
        }
        def("__init__", ["prefix?", "params?"]) { i, inst, _, b in
            try i.mxNameBlock(inst, prefix: try b.given("prefix").map { try i.toStr($0, "prefix") }, params: b.given("params"))
            return .none
        }
        def("_alias", []) { _, inst, _, _ in .str(inst.cls.name.lowercased()) }
        def("__call__", [], varargs: true, varkw: true) { i, inst, _, b in
            try i.callMethod(.object(inst), "forward", b.extraPositional, b.extraKeywords)
        }
        def("forward", [], varargs: true, varkw: true) { i, inst, st, b in
            if let f = st.forward { return try f(i, inst, Arguments(b.extraPositional, b.extraKeywords)) }
            if let hf = inst.cls.lookup("hybrid_forward") {
                var kwargs = b.extraKeywords
                for (n, p) in st.regParams {
                    guard let ps = p.native as? MXParameter else { continue }
                    kwargs.append((n, .tensor(try ps.data(i))))
                }
                let nd = try i.importModule("mxnet.ndarray")
                return try i.call(hf, [.object(inst), nd] + b.extraPositional, kwargs)
            }
            throw i.notImplemented("")
        }
        def("__repr__", []) { i, inst, st, _ in
            if let r = st.repr { return .str(try r(i, inst)) }
            let lines = try inst.dict.pairs.compactMap { key, v -> String? in
                guard case .object(let child as PyInstance) = v, child.native is BlockState else { return nil }
                return "  (\(key)): " + i.mxIndent(try i.repr(v), 2)
            }
            return .str("\(inst.cls.name)(\n\(lines.joined(separator: "\n"))\n)")
        }
        def("collect_params", ["select?"]) { i, inst, _, b in
            .object(try i.mxCollectParams(inst, select: try b.given("select").map { try i.toStr($0, "select") }))
        }
        def("initialize", ["init?", "ctx?", "verbose?", "force_reinit?"]) { i, inst, _, b in
            let all = try i.mxCollectParams(inst, select: nil)
            var kw: [(String, Value)] = []
            if let v = b.given("init") { kw.append(("init", v)) }
            if let v = b.given("force_reinit") { kw.append(("force_reinit", v)) }
            _ = try i.callMethod(.object(all), "initialize", [], kw)
            return .none
        }
        def("name_scope", []) { i, inst, st, _ in
            try i.mxEnsureNamed(inst)
            return .object(MXNameScope(st))
        }
        def("register_child", ["block", "name?"]) { i, _, st, b in
            guard case .object(let child as PyInstance) = b[0]!, child.native is BlockState else {
                throw i.typeError("register_child() expects a Block")
            }
            let name = try b.given("name").map { try i.toStr($0, "name") } ?? String(st.children.count)
            if let k = st.children.firstIndex(where: { $0.0 == name }) { st.children[k].1 = child } else { st.children.append((name, child)) }
            return .none
        }
        def("hybridize", ["active?"], varkw: true) { i, inst, st, b in
            for (_, child) in st.children { _ = try i.callMethod(.object(child), "hybridize", [], b.extraKeywords) }
            _ = inst
            return .none
        }
        def("apply", ["fn"]) { i, inst, st, b in
            for (_, child) in st.children { _ = try i.callMethod(.object(child), "apply", [b[0]!], []) }
            _ = try i.call(b[0]!, [.object(inst)], [])
            return .object(inst)
        }
        for name in ["save_parameters", "load_parameters", "save_params", "load_params", "export"] {
            def(name, ["filename?"], varkw: true) { i, _, _, _ in
                throw i.makeError("PermissionError", "cnb notebooks are sandboxed: parameters cannot be saved to or loaded from files")
            }
        }
        return c
    }

    /// `mxnet.gluon.HybridBlock` (hybridize is a no-op: cnb always runs imperatively).
    var mxHybridBlockClass: PyClass {
        if let c = builtinTypes["mxnet.gluon.HybridBlock"] { return c }
        let c = PyClass(name: "HybridBlock", bases: [mxBlockClass], module: "mxnet.gluon.block")
        builtinTypes["mxnet.gluon.HybridBlock"] = c
        return c
    }

    func blockState(_ inst: PyInstance) -> BlockState? { inst.native as? BlockState }

    /// Names a block the first time it needs a name (Gluon's `_BlockScope.create`).
    func mxEnsureNamed(_ inst: PyInstance) throws {
        if blockState(inst)?.prefix == nil { try mxNameBlock(inst, prefix: nil, params: nil) }
    }

    /// Gives a block its prefix and ParameterDict: inside a parent's `name_scope()` the prefix is
    /// the parent's plus `alias + count` (the parent's counter); outside, the global counter's.
    func mxNameBlock(_ inst: PyInstance, prefix explicit: String?, params: Value?, hint given: String? = nil) throws {
        if inst.native == nil { inst.native = BlockState() }
        guard let st = blockState(inst), st.prefix == nil else { return }
        var hint = inst.cls.name.lowercased()
        if let given {
            hint = given
        } else if let aliasFn = inst.cls.lookup("_alias"), case .str(let s) = try call(aliasFn, [.object(inst)], []) {
            hint = s
        }
        let session = mxnet
        var shared: MXParameterDict?
        var sharedPrefix: String?
        if case .object(let pd as PyInstance)? = params, let d = pd.native as? MXParameterDict {
            shared = d
            sharedPrefix = d.prefix
        }
        let full: String
        let paramsPrefix: String
        if let parent = session.scopes.last {
            let local: String
            if let explicit {
                local = explicit
            } else {
                let n = parent.scopeCounters[hint, default: 0]
                parent.scopeCounters[hint] = n + 1
                local = "\(hint)\(n)_"
            }
            let parentPrefix = parent.prefix ?? ""
            full = parentPrefix + local
            let parentParams = (parent.params?.native as? MXParameterDict)
            if shared == nil { shared = parentParams?.shared }
            paramsPrefix = sharedPrefix ?? ((parentParams?.prefix ?? parentPrefix) + local)
        } else {
            if let explicit {
                full = explicit
            } else {
                let n = session.nameCounters[hint, default: 0]
                session.nameCounters[hint] = n + 1
                full = "\(hint)\(n)_"
            }
            paramsPrefix = sharedPrefix ?? full
        }
        st.prefix = full
        st.params = mxNewParameterDict(prefix: paramsPrefix, shared: shared)
    }

    /// `collect_params(select)`: this block's parameters, then its children's, depth first.
    func mxCollectParams(_ inst: PyInstance, select: String?) throws -> PyInstance {
        try mxEnsureNamed(inst)
        guard let st = blockState(inst) else { return mxNewParameterDict(prefix: "") }
        let out = mxNewParameterDict(prefix: (st.params?.native as? MXParameterDict)?.prefix ?? st.prefix ?? "")
        guard let d = out.native as? MXParameterDict else { return out }
        let regex = try select.map { pattern -> NSRegularExpression in
            do { return try NSRegularExpression(pattern: pattern) } catch { throw valueError("invalid select pattern '\(pattern)'") }
        }
        func keep(_ name: String) -> Bool {
            guard let regex else { return true }
            let r = regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name))
            return r?.range.location == 0
        }
        if let own = st.params?.native as? MXParameterDict {
            for n in own.names where keep(n) { if let p = own.params[n] { d.insert(n, p) } }
        }
        for (_, child) in st.children {
            guard let cd = try mxCollectParams(child, select: select).native as? MXParameterDict else { continue }
            for n in cd.names { if let p = cd.params[n] { d.insert(n, p) } }
        }
        return out
    }
}

/// `with block.name_scope():` — children created inside are named under the block's prefix.
final class MXNameScope: PyObject {
    let block: BlockState
    init(_ block: BlockState) { self.block = block }
    override var typeName: String { "_BlockScope" }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__enter__":
            return .object(PyBuiltinFunction("__enter__") { [block] i, _ in
                i.mxnet.scopes.append(block)
                return .none
            })
        case "__exit__":
            return .object(PyBuiltinFunction("__exit__") { [block] i, _ in
                if i.mxnet.scopes.last === block { i.mxnet.scopes.removeLast() }
                return .bool(false)
            })
        default: return nil
        }
    }
}
