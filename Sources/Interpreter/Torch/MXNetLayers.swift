import Tensors

/// `mxnet.gluon.nn`: Sequential and the layers of the chapter, with Gluon's deferred shape
/// inference (weights with an unknown input size are created and drawn at the first call).
extension Interpreter {
    func fillGluonNN(_ m: PyModule) {
        m.dict["Block"] = .object(mxBlockClass)
        m.dict["HybridBlock"] = .object(mxHybridBlockClass)
        m.dict["Sequential"] = .object(mxSequentialClass("Sequential", base: mxBlockClass))
        m.dict["HybridSequential"] = .object(mxSequentialClass("HybridSequential", base: mxHybridBlockClass))
        m.dict["Conv2D"] = .object(mxConv2DClass)
        m.dict["Dense"] = .object(mxDenseClass)
        m.dict["Activation"] = .object(mxActivationClass)
        m.dict["Flatten"] = .object(gluonLayerClass("Flatten", alias: "flatten", params: []) { _, _, st, _ in
            st.repr = { _, inst in inst.cls.name }
            st.forward = { i, _, a in try i.mxUnaryForward(a, "Flatten") { try i.mxFlatten($0) } }
        })
        for (name, isMax) in [("MaxPool2D", true), ("AvgPool2D", false)] {
            let params = ["pool_size?", "strides?", "padding?", "layout?", "ceil_mode?"] + (isMax ? [] : ["count_include_pad?"])
            m.dict[name] = .object(gluonLayerClass(name, alias: "pool", params: params) { i, _, st, b in
                let k = try i.pair(b.given("pool_size"), 2, "pool_size")
                let s = try b.given("strides").map { try i.pair($0, 1, "strides") } ?? k
                let p = try i.pair(b.given("padding"), 0, "padding")
                let ceil = try i.boolArg(b, "ceil_mode")
                let includePad = try b.given("count_include_pad").map { try i.truthy($0) } ?? true
                st.repr = { i, inst in
                    "\(inst.cls.name)(size=\(i.tupleText(k)), stride=\(i.tupleText(s)), padding=\(i.tupleText(p)), "
                        + "ceil_mode=\(ceil ? "True" : "False"), global_pool=False, pool_type=\(isMax ? "max" : "avg"), layout=NCHW)"
                }
                st.forward = { i, _, a in
                    try i.mxUnaryForward(a, name) { x in
                        // MXNet allows any padding (PyTorch at most half the kernel): pad explicitly with
                        // -inf (max) or 0 (average counting the padding), then pool without padding.
                        var input = x
                        var padding = p
                        if p != (0, 0) && (isMax || includePad) {
                            input = try Tensors.NN.pad(x, [p.1, p.1, p.0, p.0], mode: "constant", value: isMax ? -Double.infinity : 0)
                            padding = (0, 0)
                        }
                        return isMax ? try Tensors.NN.maxPool2d(input, kernelSize: k, stride: s, padding: padding, ceilMode: ceil)
                                     : try Tensors.NN.avgPool2d(input, kernelSize: k, stride: s, padding: padding, ceilMode: ceil,
                                                                countIncludePad: includePad)
                    }
                }
            })
        }
        for (name, isMax) in [("GlobalMaxPool2D", true), ("GlobalAvgPool2D", false)] {
            m.dict[name] = .object(gluonLayerClass(name, alias: "pool", params: ["layout?"]) { _, _, st, _ in
                st.repr = { _, inst in
                    "\(inst.cls.name)(size=(1, 1), stride=(1, 1), padding=(0, 0), ceil_mode=True, global_pool=True, "
                        + "pool_type=\(isMax ? "max" : "avg"), layout=NCHW)"
                }
                st.forward = { i, _, a in
                    try i.mxUnaryForward(a, name) { x in
                        guard x.rank == 4 else { throw i.mxnetError("\(name) expects 4-D input (N, C, H, W)") }
                        return isMax ? try x.amax(dims: [2, 3], keepdim: true) : try x.mean(dims: [2, 3], keepdim: true)
                    }
                }
            })
        }
    }

    /// Defines a native Gluon layer: `__init__` binds `params` (plus `prefix`/`params` keywords),
    /// names the block, then runs `setup`.
    func gluonLayerClass(_ name: String, alias: String?, base: PyClass? = nil, params: [String], varargs: Bool = false,
                         aliasFrom: ((Interpreter, BoundArguments) throws -> String)? = nil,
                         setup: @escaping (Interpreter, PyInstance, BlockState, BoundArguments) throws -> Void) -> PyClass {
        let key = "mxnet.gluon.\(name)"
        if let c = builtinTypes[key] { return c }
        let c = PyClass(name: name, bases: [base ?? mxHybridBlockClass], module: "mxnet.gluon.nn")
        builtinTypes[key] = c
        c.dict["__init__"] = .object(PyBuiltinFunction("__init__", qualified: "\(name).__init__",
                                                       signature: "\(name)(\(params.joined(separator: ", ")))") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
            var b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params + ["prefix?", "params?"],
                               varargs: varargs, varkw: true)
            if let bad = b.extraKeywords.first {
                throw i.typeError("__init__() got an unexpected keyword argument '\(bad.0)'")
            }
            b.extraKeywords = []
            try i.mxNameBlock(inst, prefix: try b.given("prefix").map { try i.toStr($0, "prefix") }, params: b.given("params"),
                              hint: try aliasFrom?(i, b))
            guard let st = i.blockState(inst) else { return .none }
            try setup(i, inst, st, b)
            return .none
        })
        if let alias {
            c.dict["_alias"] = .object(PyBuiltinFunction("_alias", qualified: "\(name)._alias") { _, _ in .str(alias) })
        }
        return c
    }

    /// Creates `prefix + name` in the block's ParameterDict and assigns it as attribute `name`.
    @discardableResult
    func mxBlockParam(_ inst: PyInstance, _ name: String, shape: [Int], initializer: Value, dtype: Value? = nil) throws -> MXParameter {
        try mxEnsureNamed(inst)
        guard let st = blockState(inst), let pd = st.params else { throw runtimeError("block has no ParameterDict") }
        var kw: [(String, Value)] = [("shape", .object(PyTuple(shape.map { .int($0) }))), ("init", initializer),
                                     ("allow_deferred_init", .bool(true))]
        if let dtype { kw.append(("dtype", dtype)) }
        let p = try callMethod(.object(pd), "get", [.str(name)], kw)
        try setInstanceAttribute(inst, name, p)
        guard case .object(let pi as PyInstance) = p, let ps = pi.native as? MXParameter else {
            throw runtimeError("ParameterDict.get did not return a Parameter")
        }
        return ps
    }

    /// Finishes deferred initialisation once `infer` has filled in the shapes: every parameter of
    /// the block still waiting is created, in the block's ParameterDict order (weight, then bias).
    func mxFinishBlockInit(_ inst: PyInstance, infer: () throws -> Void) throws {
        guard let pd = blockState(inst)?.params?.native as? MXParameterDict else { return }
        let params = pd.values.compactMap { $0.native as? MXParameter }
        guard params.contains(where: { $0.deferred != nil }) else { return }
        try infer()
        for p in params where p.deferred != nil { try mxFinishDeferredInit(p) }
    }

    /// The single NDArray input of a layer, through `f`, as an NDArray.
    func mxUnaryForward(_ a: Arguments, _ layer: String, _ f: (Tensor) throws -> Tensor) throws -> Value {
        guard case .tensor(let x)? = a.positional.first else { throw typeError("\(layer) expects an NDArray input") }
        return ndarray(try f(x))
    }

    /// MXNet's activation functions by name.
    func mxActivation(_ name: String) throws -> (Tensor) throws -> Tensor {
        switch name {
        case "relu": return { try $0.unary(.relu) }
        case "sigmoid": return { try $0.unary(.sigmoid) }
        case "tanh": return { try $0.unary(.tanh) }
        case "softrelu": return { x in try Tensor.add(.tensor(try x.exp()), .scalar(.double(1))).log() }
        case "softsign": return { x in try Tensor.div(.tensor(x), .tensor(try Tensor.add(.tensor(try x.unary(.abs)), .scalar(.double(1))))) }
        default: throw valueError("Activation type \(name) is not supported")
        }
    }

    /// `nn.Activation(name)`; its alias (name prefix) is the activation's name.
    var mxActivationClass: PyClass {
        let c = gluonLayerClass("Activation", alias: nil, params: ["activation"],
                                aliasFrom: { i, b in try i.toStr(b[0]!, "activation") }) { i, _, st, b in
            let act = try i.toStr(b[0]!, "activation")
            let f = try i.mxActivation(act)
            st.repr = { _, _ in "Activation(\(act))" }
            st.forward = { i, _, a in try i.mxUnaryForward(a, "Activation") { try f($0) } }
        }
        return c
    }

    /// An `activation=` argument as a child `Activation` block (or nil).
    func mxActivationChild(_ inst: PyInstance, _ v: Value?) throws -> PyInstance? {
        guard let v, !v.isNone else { return nil }
        let cls = mxActivationClass
        let scopeOwner = blockState(inst)
        if let scopeOwner { mxnet.scopes.append(scopeOwner) }
        defer { if scopeOwner != nil { mxnet.scopes.removeLast() } }
        guard case .object(let act as PyInstance) = try instantiate(cls, [v], [("prefix", .str("\(try toStr(v, "activation"))_"))]) else {
            return nil
        }
        try setInstanceAttribute(inst, "act", .object(act))
        return act
    }

    // MARK: - Sequential

    func mxSequentialClass(_ name: String, base: PyClass) -> PyClass {
        let c = gluonLayerClass(name, alias: nil, base: base, params: []) { _, _, st, _ in
            st.forward = { i, inst, a in
                var args = a.positional
                for (_, child) in i.blockState(inst)?.children ?? [] {
                    let out = try i.call(.object(child), args, [])
                    if case .object(let t as PyTuple) = out { args = t.items } else { args = [out] }
                }
                return args.count == 1 ? args[0] : .object(PyTuple(args))
            }
            st.repr = { i, inst in
                let lines = try (i.blockState(inst)?.children ?? []).map { key, child in
                    "  (\(key)): " + i.mxIndent(try i.repr(.object(child)), 2)
                }
                return "\(inst.cls.name)(\n\(lines.joined(separator: "\n"))\n)"
            }
        }
        c.dict["add"] = .object(PyBuiltinFunction("add", qualified: "\(name).add") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = i.blockState(inst) else {
                throw i.typeError("add() requires a Sequential")
            }
            for v in a.positional.dropFirst() {
                guard case .object(let child as PyInstance) = v, child.native is BlockState else {
                    throw i.typeError("add() expects Blocks, got \(i.typeName(v))")
                }
                st.children.append((String(st.children.count), child))
            }
            return .none
        })
        c.dict["__len__"] = .object(PyBuiltinFunction("__len__") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first else { return .int(0) }
            return .int(i.blockState(inst)?.children.count ?? 0)
        })
        c.dict["__getitem__"] = .object(PyBuiltinFunction("__getitem__") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = i.blockState(inst),
                  let key = a.positional.dropFirst().first else { throw i.typeError("__getitem__() expects an index") }
            let children = st.children.map { $0.1 }
            if case .object(let s as PySlice) = key {
                let (start, _, step, n) = try i.sliceIndices(s, count: children.count)
                guard case .object(let out as PyInstance) = try i.instantiate(inst.cls, [], [("prefix", .str(st.prefix ?? ""))]),
                      let ost = i.blockState(out) else { return .none }
                var k = start
                for _ in 0..<n {
                    ost.children.append((String(ost.children.count), children[k]))
                    k += step
                }
                return .object(out)
            }
            guard let idx = try i.intIndex(key) else { throw i.typeError("indices must be integers or slices, not \(i.typeName(key))") }
            let j = idx < 0 ? idx + children.count : idx
            guard j >= 0 && j < children.count else { throw i.indexError("list index out of range") }
            return .object(children[j])
        })
        return c
    }

    // MARK: - Conv2D

    var mxConv2DClass: PyClass {
        gluonLayerClass("Conv2D", alias: "conv", params: [
            "channels", "kernel_size", "strides?", "padding?", "dilation?", "groups?", "layout?", "activation?",
            "use_bias?", "weight_initializer?", "bias_initializer?", "in_channels?",
        ]) { i, inst, st, b in
            let channels = try i.toInt(b[0]!, "channels")
            let k = try i.pair(b[1]!, 1, "kernel_size")
            let stride = try i.pair(b.given("strides"), 1, "strides")
            let pad = try i.pair(b.given("padding"), 0, "padding")
            let dilation = try i.pair(b.given("dilation"), 1, "dilation")
            let groups = try b.given("groups").map { try i.toInt($0, "groups") } ?? 1
            let inChannels = try b.given("in_channels").map { try i.toInt($0, "in_channels") } ?? 0
            let useBias = try b.given("use_bias").map { try i.truthy($0) } ?? true
            if let layout = b.given("layout"), try i.toStr(layout, "layout") != "NCHW" {
                throw i.notImplemented("cnb's Conv2D supports layout='NCHW' only")
            }
            guard groups > 0, channels % groups == 0, inChannels % groups == 0 else {
                throw i.mxnetError("Conv2D: channels and in_channels must be divisible by groups")
            }
            let weight = try i.mxBlockParam(inst, "weight", shape: [channels, inChannels / groups, k.0, k.1],
                                            initializer: b.given("weight_initializer") ?? .none)
            let bias = useBias ? try i.mxBlockParam(inst, "bias", shape: [channels],
                                                    initializer: b.given("bias_initializer") ?? .str("zeros")) : nil
            let act = try i.mxActivationChild(inst, b.given("activation"))
            let actFn = try b.given("activation").map { try i.mxActivation(try i.toStr($0, "activation")) }
            st.repr = { i, inst in
                let inC = weight.shape.map { $0.count > 1 && $0[1] != 0 ? String($0[1]) : "None" } ?? "None"
                var s = "\(inst.cls.name)(\(inC) -> \(channels), kernel_size=\(i.tupleText(k)), stride=\(i.tupleText(stride))"
                if pad != (0, 0) { s += ", padding=\(i.tupleText(pad))" }
                if dilation != (1, 1) { s += ", dilation=\(i.tupleText(dilation))" }
                if groups != 1 { s += ", groups=\(groups)" }
                if bias == nil { s += ", bias=False" }
                if let act { s += ", " + (try i.repr(.object(act))) }
                return s + ")"
            }
            st.forward = { i, inst, a in
                guard case .tensor(let x)? = a.positional.first else { throw i.typeError("Conv2D expects an NDArray input") }
                guard x.rank == 4 else {
                    throw i.mxnetError("Conv2D expects 4-D input (batch, channel, height, width), got shape \(i.shapeTupleText(x.shape))")
                }
                try i.mxFinishBlockInit(inst) {
                    try weight.setShape([channels, x.shape[1] / groups, k.0, k.1], i)
                }
                let w = try weight.data(i)
                let bv = try bias.map { try $0.data(i) }
                var y = try Tensors.NN.conv2d(x, weight: w, bias: bv, stride: stride, padding: .explicit(pad.0, pad.1),
                                              dilation: dilation, groups: groups)
                if let actFn { y = try actFn(y) }
                return i.ndarray(y)
            }
        }
    }

    // MARK: - Dense

    var mxDenseClass: PyClass {
        gluonLayerClass("Dense", alias: "dense", params: [
            "units", "activation?", "use_bias?", "flatten?", "dtype?", "weight_initializer?", "bias_initializer?", "in_units?",
        ]) { i, inst, st, b in
            let units = try i.toInt(b[0]!, "units")
            let inUnits = try b.given("in_units").map { try i.toInt($0, "in_units") } ?? 0
            let useBias = try b.given("use_bias").map { try i.truthy($0) } ?? true
            let flatten = try b.given("flatten").map { try i.truthy($0) } ?? true
            let dtype = b.given("dtype") ?? .str("float32")
            let weight = try i.mxBlockParam(inst, "weight", shape: [units, inUnits],
                                            initializer: b.given("weight_initializer") ?? .none, dtype: dtype)
            let bias = useBias ? try i.mxBlockParam(inst, "bias", shape: [units],
                                                    initializer: b.given("bias_initializer") ?? .str("zeros"), dtype: dtype) : nil
            let act = try i.mxActivationChild(inst, b.given("activation"))
            let actFn = try b.given("activation").map { try i.mxActivation(try i.toStr($0, "activation")) }
            st.repr = { i, inst in
                let inU = weight.shape.map { $0.count > 1 && $0[1] != 0 ? String($0[1]) : "None" } ?? "None"
                return "\(inst.cls.name)(\(inU) -> \(units), \(try act.map { try i.repr(.object($0)) } ?? "linear"))"
            }
            st.forward = { i, inst, a in
                guard case .tensor(let x)? = a.positional.first else { throw i.typeError("Dense expects an NDArray input") }
                let x2 = flatten ? try i.mxFlatten(x) : x
                guard let features = x2.shape.last else { throw i.mxnetError("Dense expects at least 1-D input") }
                try i.mxFinishBlockInit(inst) { try weight.setShape([units, features], i) }
                let w = try weight.data(i)
                var y = try Tensor.matmul(x2, try w.t())
                if let bias { y = try Tensor.add(.tensor(y), .tensor(try bias.data(i))) }
                if let actFn { y = try actFn(y) }
                return i.ndarray(y)
            }
        }
    }
}
