import Tensors

/// Native state of a Gluon `Parameter`: its name, (possibly partly unknown) shape, initializer
/// and, once initialised, its data array (an attached NDArray whose `.grad` is the gradient).
final class MXParameter: NativeInstanceState {
    /// Everything needed to finish a deferred initialisation at the first forward pass.
    struct Deferred {
        var initializer: Value
        var data: Tensor?
    }

    var name = ""
    /// nil when no shape was given; 0 marks a dimension still unknown (inferred at the first call).
    var shape: [Int]?
    var dtype: DType = .float32
    /// What `repr` shows for the dtype (`float32` when given as a string, numpy's class otherwise).
    var dtypeSpec: Value = .none
    var gradReq: GradReq = .write
    /// The parameter's own initializer (`init=`), used instead of the block-wide one.
    var initializer: Value = .none
    var allowDeferredInit = false
    var lrMult = 1.0
    var wdMult = 1.0
    var array: Tensor?
    var deferred: Deferred?

    var shapeIsKnown: Bool {
        guard let shape else { return false }
        return !shape.contains(0)
    }

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "name": return .str(self.name)
        case "shape": return shape.map { .object(PyTuple($0.map { .int($0) })) } ?? Value.none
        case "dtype": return dtypeSpec
        case "grad_req": return .str(gradReq.text)
        case "init": return initializer
        case "lr_mult": return .float(lrMult)
        case "wd_mult": return .float(wdMult)
        case "allow_deferred_init": return .bool(allowDeferredInit)
        default: return nil
        }
    }

    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool {
        switch name {
        case "shape":
            try setShape(value.isNone ? nil : try interp.toIntList(value, "shape"), interp)
        case "grad_req":
            let req = try GradReq.parse(try interp.toStr(value, "grad_req"), interp)
            guard req != gradReq else { return true }
            gradReq = req
            if let array { try interp.mxnet.attach(array, req: req) }
        case "lr_mult": lrMult = try interp.toDouble(value)
        case "wd_mult": wdMult = try interp.toDouble(value)
        case "init": initializer = value
        default: return false
        }
        return true
    }

    func attributeNames() -> [String] { ["name", "shape", "dtype", "grad_req", "init", "lr_mult", "wd_mult"] }

    /// Gluon's shape setter: unknown (0) dimensions may be filled in, known ones must match.
    func setShape(_ new: [Int]?, _ interp: Interpreter) throws {
        guard let new, let old = shape else {
            shape = new
            return
        }
        let compatible = old.count == new.count && zip(old, new).allSatisfy { $0 == 0 || $0 == $1 }
        guard compatible else {
            throw interp.makeError("AssertionError", "Expected shape \(interp.shapeTupleText(new)) is incompatible with given shape \(interp.shapeTupleText(old)).")
        }
        shape = new
    }

    /// The data array, or Gluon's error for a parameter not initialised (yet).
    func data(_ interp: Interpreter) throws -> Tensor {
        if let array { return array }
        if deferred != nil {
            throw interp.mxDeferredInitError(
                "Parameter '\(name)' has not been initialized yet because initialization was deferred. Actual "
                    + "initialization happens during the first forward pass. Please pass one batch of data through the "
                    + "network before accessing Parameters. You can also avoid deferred initialization by specifying "
                    + "in_units, num_features, etc., for network layers.")
        }
        throw interp.runtimeError(
            "Parameter '\(name)' has not been initialized. Note that you should initialize parameters and create Trainer "
                + "with Block.collect_params() instead of Block.params because the later does not include Parameters of "
                + "nested child Blocks")
    }
}

/// Native state of a Gluon `ParameterDict`: parameters by full name, in insertion order.
final class MXParameterDict: NativeInstanceState {
    var prefix: String
    var names: [String] = []
    var params: [String: PyInstance] = [:]
    /// Parameters shared with another dict (`params=` of a Block).
    var shared: MXParameterDict?

    init(prefix: String, shared: MXParameterDict? = nil) {
        self.prefix = prefix
        self.shared = shared
    }

    var values: [PyInstance] { names.compactMap { params[$0] } }

    func insert(_ name: String, _ p: PyInstance) {
        if params[name] == nil { names.append(name) }
        params[name] = p
    }

    func lookup(_ name: String) -> PyInstance? {
        if let p = params[name] { return p }
        if let p = shared?.lookup(name) {
            insert(name, p)
            return p
        }
        return nil
    }

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        name == "prefix" ? .str(prefix) : nil
    }

    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool { false }
}

extension Interpreter {
    // MARK: - Parameter

    /// `mxnet.gluon.Parameter`.
    var mxParameterClass: PyClass {
        if let c = builtinTypes["mxnet.gluon.Parameter"] { return c }
        let c = PyClass(name: "Parameter", bases: [builtinTypes["object"]!], module: "mxnet.gluon.parameter")
        c.makeNativeState = { inst in inst.native = MXParameter() }
        builtinTypes["mxnet.gluon.Parameter"] = c
        func def(_ name: String, _ params: [String], _ body: @escaping (Interpreter, PyInstance, MXParameter, BoundArguments) throws -> Value) {
            c.dict[name] = .object(PyBuiltinFunction(name, qualified: "Parameter.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let p = inst.native as? MXParameter else {
                    throw i.typeError("descriptor '\(name)' requires a 'Parameter' object")
                }
                let b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params, varkw: true)
                return try body(i, inst, p, b)
            })
        }
        def("__init__", ["name", "grad_req?", "shape?", "dtype?", "lr_mult?", "wd_mult?", "init?", "allow_deferred_init?",
                         "differentiable?", "stype?", "grad_stype?"]) { i, _, p, b in
            try i.configureParameter(p, name: try i.toStr(b[0]!, "name"), b)
            return .none
        }
        def("__repr__", []) { i, _, p, _ in
            let shape = p.shape.map { i.shapeTupleText($0) } ?? "None"
            return .str("Parameter \(p.name) (shape=\(shape), dtype=\(try i.str(p.dtypeSpec)))")
        }
        def("data", ["ctx?"]) { i, _, p, _ in .tensor(try p.data(i)) }
        def("list_data", []) { i, _, p, _ in .object(PyList([.tensor(try p.data(i))])) }
        def("grad", ["ctx?"]) { i, _, p, _ in .tensor(try i.mxParameterGrad(p)) }
        def("list_grad", []) { i, _, p, _ in .object(PyList([.tensor(try i.mxParameterGrad(p))])) }
        def("list_ctx", []) { _, _, _, _ in .object(PyList([.object(MXContextObject())])) }
        def("reset_ctx", ["ctx"]) { _, _, _, _ in .none }
        def("zero_grad", []) { _, _, p, _ in
            if let g = p.array?.grad { try GradMode.withDisabled { _ = try g.zero_() } }
            return .none
        }
        def("set_data", ["data"]) { i, _, p, b in
            guard case .tensor(let d) = b[0]! else { throw i.typeError("set_data() expects an NDArray") }
            try p.setShape(d.shape, i)
            if let array = p.array {
                try GradMode.withDisabled { _ = try array.copy_(d) }
            } else if p.deferred != nil {
                p.deferred?.data = d
            } else {
                _ = try p.data(i)
            }
            return .none
        }
        def("initialize", ["init?", "ctx?", "default_init?", "force_reinit?"]) { i, _, p, b in
            try i.mxInitializeParameter(p, init: b.given("init"), defaultInit: b.given("default_init"),
                                        forceReinit: try i.boolArg(b, "force_reinit"))
            return .none
        }
        def("cast", ["dtype"]) { i, _, p, b in
            let dt = try i.mxDType(b[0]!)
            p.dtype = dt
            p.dtypeSpec = b[0]!
            if let a = p.array {
                let c = try GradMode.withDisabled { try a.detach().to(dt).clone() }
                c.flavor = .ndarray
                p.array = c
                if p.gradReq != .null { try i.mxnet.attach(c, req: p.gradReq) }
            }
            return .none
        }
        return c
    }

    /// Applies Parameter's constructor arguments.
    func configureParameter(_ p: MXParameter, name: String, _ b: BoundArguments) throws {
        p.name = name
        if let s = b.given("shape") { p.shape = try toIntList(s, "shape") }
        if let d = b.given("dtype") {
            p.dtype = try mxDType(d)
            p.dtypeSpec = d
        } else {
            p.dtypeSpec = .object(NumpyDTypeObject(.float32))
        }
        if let g = b.given("grad_req") { p.gradReq = try GradReq.parse(try toStr(g, "grad_req"), self) }
        if let v = b.given("lr_mult") { p.lrMult = try toDouble(v) }
        if let v = b.given("wd_mult") { p.wdMult = try toDouble(v) }
        if let v = b.given("init") { p.initializer = v }
        p.allowDeferredInit = try boolArg(b, "allow_deferred_init")
        if let d = b.given("differentiable"), try !truthy(d) { p.gradReq = .null }
    }

    /// A new Parameter instance.
    func mxNewParameter(name: String, shape: [Int]?, initializer: Value = .none, allowDeferredInit: Bool = false,
                        dtype: Value? = nil) throws -> PyInstance {
        let inst = PyInstance(cls: mxParameterClass)
        let p = MXParameter()
        inst.native = p
        var kw: [(String, Value)] = [("init", initializer), ("allow_deferred_init", .bool(allowDeferredInit))]
        if let shape { kw.append(("shape", .object(PyTuple(shape.map { .int($0) })))) }
        if let dtype { kw.append(("dtype", dtype)) }
        let b = try bind("Parameter", Arguments([.str(name)], kw),
                         ["name", "shape?", "dtype?", "init?", "allow_deferred_init?"])
        try configureParameter(p, name: name, b)
        return inst
    }

    func mxParameterGrad(_ p: MXParameter) throws -> Tensor {
        let a = try p.data(self)
        guard p.gradReq != .null, let g = a.grad else {
            throw runtimeError("Cannot get gradient array for Parameter '\(p.name)' because grad_req='null'")
        }
        return g
    }

    /// `Parameter.initialize(init, ctx, default_init, force_reinit)`.
    func mxInitializeParameter(_ p: MXParameter, init initArg: Value?, defaultInit: Value?, forceReinit: Bool) throws {
        if p.array != nil && !forceReinit {
            write("UserWarning: Parameter '\(p.name)' is already initialized, ignoring. Set force_reinit=True to re-initialize.\n",
                  stream: .stderr)
            return
        }
        p.array = nil
        let fallback = try defaultInit ?? mxMakeInitializer("Uniform", [])
        let chosen = initArg ?? (p.initializer.isNone ? fallback : p.initializer)
        if !p.shapeIsKnown {
            if p.allowDeferredInit {
                p.deferred = MXParameter.Deferred(initializer: chosen, data: nil)
                return
            }
            throw valueError("Cannot initialize Parameter '\(p.name)' because it has invalid shape: \(p.shape.map { shapeTupleText($0) } ?? "None").")
        }
        p.deferred = MXParameter.Deferred(initializer: chosen, data: nil)
        try mxFinishDeferredInit(p)
    }

    /// Creates the parameter's array once its shape is known: zeros filled by the initializer's
    /// `_init_weight` (one generator call per parameter), then marked for gradients.
    func mxFinishDeferredInit(_ p: MXParameter) throws {
        guard let d = p.deferred else { return }
        guard p.shapeIsKnown, let shape = p.shape else {
            throw mxDeferredInitError("Parameter '\(p.name)' has unknown shape \(p.shape.map { shapeTupleText($0) } ?? "None")")
        }
        let data: Tensor
        if let given = d.data {
            data = try GradMode.withDisabled { try given.detach().to(p.dtype).clone() }
        } else {
            data = try Tensor.zeros(shape, dtype: p.dtype)
            data.flavor = .ndarray
            let s = mxnet
            let wasRecording = s.isRecording
            s.setRecording(false)
            defer { s.setRecording(wasRecording) }
            try GradMode.withDisabled { try mxApplyInitializer(d.initializer, name: p.name, data) }
        }
        data.flavor = .ndarray
        p.deferred = nil
        p.array = data
        if p.gradReq != .null { try mxnet.attach(data, req: p.gradReq) }
    }

    // MARK: - ParameterDict

    /// `mxnet.gluon.ParameterDict`.
    var mxParameterDictClass: PyClass {
        if let c = builtinTypes["mxnet.gluon.ParameterDict"] { return c }
        let c = PyClass(name: "ParameterDict", bases: [builtinTypes["object"]!], module: "mxnet.gluon.parameter")
        c.makeNativeState = { inst in inst.native = MXParameterDict(prefix: "") }
        builtinTypes["mxnet.gluon.ParameterDict"] = c
        func def(_ name: String, _ params: [String], varkw: Bool = false,
                 _ body: @escaping (Interpreter, PyInstance, MXParameterDict, BoundArguments) throws -> Value) {
            c.dict[name] = .object(PyBuiltinFunction(name, qualified: "ParameterDict.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let d = inst.native as? MXParameterDict else {
                    throw i.typeError("descriptor '\(name)' requires a 'ParameterDict' object")
                }
                let b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params, varkw: varkw)
                return try body(i, inst, d, b)
            })
        }
        def("__init__", ["prefix?", "shared?"]) { i, inst, _, b in
            var shared: MXParameterDict?
            if case .object(let s as PyInstance)? = b.given("shared") { shared = s.native as? MXParameterDict }
            inst.native = MXParameterDict(prefix: try b.given("prefix").map { try i.toStr($0) } ?? "", shared: shared)
            return .none
        }
        def("__repr__", []) { i, _, d, _ in
            let lines = try d.values.map { try i.mxIndent("  " + i.repr(.object($0)), 2) }
            return .str((d.prefix.isEmpty ? "" : d.prefix + " ") + "(\n" + lines.joined(separator: "\n") + "\n)")
        }
        def("__len__", []) { _, _, d, _ in .int(d.names.count) }
        def("__iter__", []) { _, _, d, _ in .object(ArrayIterator(d.names.map { .str($0) }, name: "odict_iterator")) }
        def("__contains__", ["key"]) { _, _, d, b in
            guard case .str(let k) = b[0]! else { return .bool(false) }
            return .bool(d.params[k] != nil)
        }
        def("__getitem__", ["key"]) { i, _, d, b in
            guard case .str(let k) = b[0]!, let p = d.params[k] else { throw i.keyError(b[0]!) }
            return .object(p)
        }
        def("keys", []) { _, _, d, _ in .object(PyList(d.names.map { .str($0) })) }
        def("values", []) { _, _, d, _ in .object(PyList(d.values.map { .object($0) })) }
        def("items", []) { _, _, d, _ in
            .object(PyList(d.names.compactMap { n in d.params[n].map { .object(PyTuple([.str(n), .object($0)])) } }))
        }
        def("get", ["name"], varkw: true) { i, _, d, b in
            let full = d.prefix + (try i.toStr(b[0]!, "name"))
            if let p = d.lookup(full) {
                if let s = b.extraKeywords.first(where: { $0.0 == "shape" })?.1, let st = p.native as? MXParameter {
                    try st.setShape(try i.toIntList(s, "shape"), i)
                }
                return .object(p)
            }
            let inst = PyInstance(cls: i.mxParameterClass)
            let st = MXParameter()
            inst.native = st
            let pb = try i.bind("Parameter", Arguments([.str(full)], b.extraKeywords),
                                ["name", "grad_req?", "shape?", "dtype?", "lr_mult?", "wd_mult?", "init?",
                                 "allow_deferred_init?", "differentiable?", "stype?", "grad_stype?"])
            try i.configureParameter(st, name: full, pb)
            d.insert(full, inst)
            return .object(inst)
        }
        def("update", ["other"]) { i, _, d, b in
            guard case .object(let o as PyInstance) = b[0]!, let other = o.native as? MXParameterDict else {
                throw i.typeError("update() expects a ParameterDict")
            }
            for n in other.names { if let p = other.params[n] { d.insert(n, p) } }
            return .none
        }
        def("initialize", ["init?", "ctx?", "verbose?", "force_reinit?"]) { i, _, d, b in
            let initv = try b.given("init") ?? i.mxMakeInitializer("Uniform", [])
            let force = try i.boolArg(b, "force_reinit")
            for p in d.values {
                guard let st = p.native as? MXParameter else { continue }
                try i.mxInitializeParameter(st, init: nil, defaultInit: initv, forceReinit: force)
            }
            return .none
        }
        def("zero_grad", []) { _, _, d, _ in
            for p in d.values {
                if let g = (p.native as? MXParameter)?.array?.grad { try GradMode.withDisabled { _ = try g.zero_() } }
            }
            return .none
        }
        def("setattr", ["name", "value"]) { i, _, d, b in
            let name = try i.toStr(b[0]!, "name")
            for p in d.values { try i.setAttribute(.object(p), name, b[1]!) }
            return .none
        }
        def("reset_ctx", ["ctx"]) { _, _, _, _ in .none }
        def("list_ctx", []) { _, _, _, _ in .object(PyList([.object(MXContextObject())])) }
        for name in ["save", "load"] {
            def(name, ["filename"], varkw: true) { i, _, _, _ in
                throw i.makeError("PermissionError", "cnb notebooks are sandboxed: parameters cannot be saved to or loaded from files")
            }
        }
        return c
    }

    /// A new, empty ParameterDict.
    func mxNewParameterDict(prefix: String, shared: MXParameterDict? = nil) -> PyInstance {
        let inst = PyInstance(cls: mxParameterDictClass)
        inst.native = MXParameterDict(prefix: prefix, shared: shared)
        return inst
    }

    /// Gluon's `_indent`: every line after the first gets `n` spaces (empty lines too).
    func mxIndent(_ s: String, _ n: Int) -> String {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return s }
        let pad = String(repeating: " ", count: n)
        return ([String(lines[0])] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
    }
}
