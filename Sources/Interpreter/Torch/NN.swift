import Foundation
import Tensors

/// `torch.nn`: Module and the layers the book uses. Layers are native classes that user
/// code can subclass like any Python class.
extension Interpreter {
    var moduleClass: PyClass {
        if let c = builtinTypes["torch.nn.Module"] { return c }
        let c = PyClass(name: "Module", bases: [builtinTypes["object"]!], module: "torch.nn.modules.module")
        c.makeNativeState = { inst in inst.native = ModuleState() }
        builtinTypes["torch.nn.Module"] = c
        func def(_ name: String, _ body: @escaping (Interpreter, PyInstance, Arguments) throws -> Value) {
            c.dict[name] = .object(PyBuiltinFunction(name, qualified: "Module.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, inst.native is ModuleState else {
                    throw i.typeError("descriptor '\(name)' requires a 'Module' object")
                }
                return try body(i, inst, Arguments(Array(a.positional.dropFirst()), a.keywords))
            })
        }
        def("__init__") { _, inst, _ in
            if inst.native == nil { inst.native = ModuleState() }
            return .none
        }
        def("__call__") { i, inst, a in
            if let st = inst.native as? ModuleState, let fwd = st.forward, inst.cls.lookup("forward").map(i.isNativeForward) ?? true {
                return try fwd(i, inst, a)
            }
            return try i.callMethod(.object(inst), "forward", a.positional, a.keywords)
        }
        def("forward") { i, inst, a in
            if let st = inst.native as? ModuleState, let fwd = st.forward { return try fwd(i, inst, a) }
            throw i.notImplemented("Module [\(inst.cls.name)] is missing the required \"forward\" function")
        }
        def("__repr__") { i, inst, _ in .str(try i.moduleRepr(inst)) }
        def("extra_repr") { _, _, _ in .str("") }
        def("parameters") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            return .object(ArrayIterator(i.namedParameters(inst, seen: &seen).map { .tensor($0.1) }, name: "generator"))
        }
        def("named_parameters") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            return .object(ArrayIterator(i.namedParameters(inst, seen: &seen).map { .object(PyTuple([.str($0.0), .tensor($0.1)])) }, name: "generator"))
        }
        def("children") { _, inst, _ in
            let st = inst.native as? ModuleState
            return .object(ArrayIterator((st?.modules ?? []).compactMap { $0.1.map { .object($0) } }, name: "generator"))
        }
        def("named_children") { _, inst, _ in
            let st = inst.native as? ModuleState
            return .object(ArrayIterator((st?.modules ?? []).compactMap { n, m in m.map { .object(PyTuple([.str(n), .object($0)])) } }, name: "generator"))
        }
        def("modules") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            return .object(ArrayIterator(i.namedModules(inst, seen: &seen).map { .object($0.1) }, name: "generator"))
        }
        def("named_modules") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            return .object(ArrayIterator(i.namedModules(inst, seen: &seen).map { .object(PyTuple([.str($0.0), .object($0.1)])) }, name: "generator"))
        }
        def("zero_grad") { i, inst, a in
            let b = try i.bind("zero_grad", a, ["set_to_none?"])
            let toNone = try b.given("set_to_none").map { try i.truthy($0) } ?? true
            var seen = Set<ObjectIdentifier>()
            for (_, p) in i.namedParameters(inst, seen: &seen) {
                if toNone { p.grad = nil } else if let g = p.grad { _ = try g.zero_() }
            }
            return .none
        }
        def("train") { i, inst, a in
            let mode = try i.bind("train", a, ["mode?"]).given("mode").map { try i.truthy($0) } ?? true
            var seen = Set<ObjectIdentifier>()
            for (_, m) in i.namedModules(inst, seen: &seen) { (m.native as? ModuleState)?.training = mode }
            return .object(inst)
        }
        def("eval") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            for (_, m) in i.namedModules(inst, seen: &seen) { (m.native as? ModuleState)?.training = false }
            return .object(inst)
        }
        def("add_module") { i, inst, a in
            let b = try i.bind("add_module", a, ["name", "module"])
            let name = try i.toStr(b[0]!, "name")
            guard let st = inst.native as? ModuleState else { return .none }
            st.remove(name)
            if case .object(let m as PyInstance) = b[1]!, m.native is ModuleState {
                st.modules.append((name, m))
            } else if b[1]!.isNone {
                st.modules.append((name, nil))
            } else {
                throw i.typeError("\(i.typeName(b[1]!)) is not a Module subclass")
            }
            return .none
        }
        c.dict["register_module"] = c.dict["add_module"]
        def("register_parameter") { i, inst, a in
            let b = try i.bind("register_parameter", a, ["name", "param"])
            let name = try i.toStr(b[0]!, "name")
            guard let st = inst.native as? ModuleState else { return .none }
            st.remove(name)
            if case .tensor(let t) = b[1]! { st.parameters.append((name, t)) } else { st.parameters.append((name, nil)) }
            return .none
        }
        def("register_buffer") { i, inst, a in
            let b = try i.bind("register_buffer", a, ["name", "tensor", "persistent?"])
            let name = try i.toStr(b[0]!, "name")
            guard let st = inst.native as? ModuleState else { return .none }
            st.remove(name)
            if case .tensor(let t) = b[1]! { st.buffers.append((name, t)) } else { st.buffers.append((name, nil)) }
            return .none
        }
        def("state_dict") { i, inst, _ in
            let d = PyDict()
            d.isOrdered = true
            var seen = Set<ObjectIdentifier>()
            for (prefix, m) in i.namedModules(inst, seen: &seen) {
                guard let st = m.native as? ModuleState else { continue }
                let p = prefix.isEmpty ? "" : prefix + "."
                for (n, t) in st.parameters { if let t { try d.set(.str(p + n), .tensor(t.detach()), i) } }
                for (n, t) in st.buffers { if let t { try d.set(.str(p + n), .tensor(t.detach()), i) } }
            }
            return .object(d)
        }
        def("load_state_dict") { i, inst, a in
            let src = try i.bind("load_state_dict", a, ["state_dict", "strict?"])[0]!
            var seen = Set<ObjectIdentifier>()
            let params = Dictionary(uniqueKeysWithValues: i.namedParameters(inst, seen: &seen))
            for (k, v) in try i.mappingPairs(src) {
                guard case .str(let name) = k, let p = params[name], case .tensor(let t) = v else { continue }
                try GradMode.withDisabled { _ = try p.copy_(t) }
            }
            return .str("<All keys matched successfully>")
        }
        def("apply") { i, inst, a in
            let f = try i.bind("apply", a, ["fn"])[0]!
            // PyTorch's order: each child's subtree first (depth first), then the module itself.
            func visit(_ m: PyInstance) throws {
                for (_, child) in (m.native as? ModuleState)?.modules ?? [] {
                    if let child { try visit(child) }
                }
                _ = try i.call(f, [.object(m)], [])
            }
            try visit(inst)
            return .object(inst)
        }
        def("to") { _, inst, _ in .object(inst) }
        def("cpu") { _, inst, _ in .object(inst) }
        def("double") { i, inst, _ in
            var seen = Set<ObjectIdentifier>()
            for (_, m) in i.namedModules(inst, seen: &seen) {
                guard let st = m.native as? ModuleState else { continue }
                for k in st.parameters.indices {
                    if let p = st.parameters[k].1 {
                        let d = try p.detach().to(.float64)
                        d.flavor = .parameter
                        _ = try d.requiresGrad_(p.requiresGrad)
                        st.parameters[k].1 = d
                    }
                }
            }
            return .object(inst)
        }
        def("float") { _, inst, _ in .object(inst) }
        def("requires_grad_") { i, inst, a in
            let flag = try i.bind("requires_grad_", a, ["requires_grad?"]).given("requires_grad").map { try i.truthy($0) } ?? true
            var seen = Set<ObjectIdentifier>()
            for (_, p) in i.namedParameters(inst, seen: &seen) { _ = try p.requiresGrad_(flag) }
            return .object(inst)
        }
        def("__setattr__") { i, inst, a in
            let b = try i.bind("__setattr__", a, ["name", "value"])
            try i.setInstanceAttribute(inst, try i.toStr(b[0]!), b[1]!)
            return .none
        }
        def("__len__") { i, inst, _ in .int(try (inst.native as? ModuleState)?.length(inst, i) ?? 0) }
        def("__getitem__") { i, inst, a in
            guard let st = inst.native as? ModuleState, let x = a.positional.first,
                  let r = try st.getItem(inst, x, i) else { throw i.typeError("'\(inst.cls.name)' object is not subscriptable") }
            return r
        }
        def("__iter__") { i, inst, _ in
            guard let st = inst.native as? ModuleState, let it = try st.iterate(inst, i) else {
                throw i.typeError("'\(inst.cls.name)' object is not iterable")
            }
            return .object(it)
        }
        return c
    }

    func isNativeForward(_ v: Value) -> Bool {
        if case .object(let f as PyBuiltinFunction) = v { return f.name == "forward" }
        return false
    }

    /// Defines a native layer class deriving from nn.Module.
    func layerClass(_ name: String, module: String = "torch.nn", base: PyClass? = nil,
                    params: [String], varargs: Bool = false,
                    setup: @escaping (Interpreter, PyInstance, ModuleState, BoundArguments) throws -> Void) -> PyClass {
        let c = PyClass(name: name, bases: [base ?? moduleClass], module: module)
        c.dict["__init__"] = .object(PyBuiltinFunction("__init__", qualified: "\(name).__init__", signature: "\(name)(\(params.joined(separator: ", ")))") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
            if inst.native == nil { inst.native = ModuleState() }
            guard let st = inst.native as? ModuleState else { return .none }
            let b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params, varargs: varargs)
            try setup(i, inst, st, b)
            return .none
        })
        return c
    }

    func newParameter(_ t: Tensor) throws -> Tensor {
        t.flavor = .parameter
        _ = try t.requiresGrad_(true)
        return t
    }

    /// Runs `forward` through a tensor function of the layer's input.
    func simpleForward(_ st: ModuleState, _ f: @escaping (Interpreter, Tensor) throws -> Tensor) {
        st.forward = { i, _, a in
            guard case .tensor(let x)? = a.positional.first else {
                throw i.typeError("forward() expects a Tensor input")
            }
            return .tensor(try f(i, x))
        }
    }

    func pair(_ v: Value?, _ def: Int, _ what: String) throws -> (Int, Int) {
        guard let v, !v.isNone else { return (def, def) }
        let l = try toIntList(v, what)
        if l.count == 1 { return (l[0], l[0]) }
        guard l.count == 2 else { throw valueError("\(what) must be an int or a pair of ints") }
        return (l[0], l[1])
    }

    func tupleText(_ p: (Int, Int)) -> String { "(\(p.0), \(p.1))" }

    func fillNN(_ m: PyModule) {
        m.dict["Module"] = .object(moduleClass)
        m.dict["Parameter"] = .object(parameterClass)
        m.dict["functional"] = (try? importModule("torch.nn.functional")) ?? Value.none
        m.dict["init"] = (try? importModule("torch.nn.init")) ?? Value.none

        m.dict["Sequential"] = .object(layerClass("Sequential", params: [], varargs: true) { i, _, st, b in
            if b.extraPositional.count == 1, case .object(let d as PyDict) = b.extraPositional[0], d.isOrdered {
                for (k, v) in d.pairs {
                    guard case .object(let mod as PyInstance) = v else { continue }
                    st.modules.append((try i.toStr(k), mod))
                }
            } else {
                for (k, v) in b.extraPositional.enumerated() {
                    guard case .object(let mod as PyInstance) = v, mod.native is ModuleState else {
                        throw i.typeError("\(i.typeName(v)) is not a Module subclass")
                    }
                    st.modules.append((String(k), mod))
                }
            }
            st.forward = { i, inst, a in
                guard let st = inst.native as? ModuleState else { return .none }
                var x = a.positional.first ?? .none
                for (_, mod) in st.modules {
                    guard let mod else { continue }
                    x = try i.call(.object(mod), [x], [])
                }
                return x
            }
        })
        if case .object(let seq as PyClass)? = m.dict["Sequential"] {
            seq.dict["append"] = .object(PyBuiltinFunction("append") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? ModuleState,
                      case .object(let mod as PyInstance)? = a.positional.dropFirst().first else { throw i.typeError("append() expects a Module") }
                st.modules.append((String(st.modules.count), mod))
                return .object(inst)
            })
        }
        m.dict["ModuleList"] = .object(layerClass("ModuleList", params: ["modules?"]) { i, _, st, b in
            if let ms = b.given("modules") {
                for v in try i.iterateAll(ms) {
                    guard case .object(let mod as PyInstance) = v else { continue }
                    st.modules.append((String(st.modules.count), mod))
                }
            }
        })
        if case .object(let ml as PyClass)? = m.dict["ModuleList"] {
            ml.dict["append"] = .object(PyBuiltinFunction("append") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? ModuleState,
                      case .object(let mod as PyInstance)? = a.positional.dropFirst().first else { throw i.typeError("append() expects a Module") }
                st.modules.append((String(st.modules.count), mod))
                return .object(inst)
            })
        }
        m.dict["Linear"] = .object(layerClass("Linear", params: ["in_features", "out_features", "bias?", "device?", "dtype?"]) { i, _, st, b in
            let nIn = try i.toInt(b[0]!), nOut = try i.toInt(b[1]!)
            let hasBias = try b.given("bias").map { try i.truthy($0) } ?? true
            let w = try Tensor.empty([nOut, nIn])
            let bias = hasBias ? try Tensor.empty([nOut]) : nil
            try i.initLayer(weight: w, bias: bias, fanIn: nIn)
            st.parameters.append(("weight", try i.newParameter(w)))
            st.parameters.append(("bias", try bias.map { try i.newParameter($0) }))
            st.extraRepr = { _ in "in_features=\(nIn), out_features=\(nOut), bias=\(hasBias ? "True" : "False")" }
            st.forward = { i, inst, a in
                guard let st = inst.native as? ModuleState, case .tensor(let x)? = a.positional.first,
                      let w = st.parameters.first(where: { $0.0 == "weight" })?.1 else { throw i.typeError("Linear.forward() expects a Tensor") }
                return .tensor(try NN.linear(x, weight: w, bias: st.parameters.first(where: { $0.0 == "bias" })?.1))
            }
        })
        m.dict["Conv2d"] = .object(layerClass("Conv2d", params: ["in_channels", "out_channels", "kernel_size", "stride?", "padding?", "dilation?", "groups?", "bias?", "padding_mode?", "device?", "dtype?"]) { i, _, st, b in
            let cin = try i.toInt(b[0]!), cout = try i.toInt(b[1]!)
            let k = try i.pair(b[2]!, 1, "kernel_size")
            let stride = try i.pair(b.given("stride"), 1, "stride")
            let dilation = try i.pair(b.given("dilation"), 1, "dilation")
            let groups = try b.given("groups").map { try i.toInt($0) } ?? 1
            let hasBias = try b.given("bias").map { try i.truthy($0) } ?? true
            let paddingMode = try b.given("padding_mode").map { try i.toStr($0) } ?? "zeros"
            guard groups > 0 else { throw i.valueError("groups must be a positive integer") }
            guard cin % groups == 0 else { throw i.valueError("in_channels must be divisible by groups") }
            guard cout % groups == 0 else { throw i.valueError("out_channels must be divisible by groups") }
            var padding: NN.Padding = .explicit(0, 0)
            var paddingText: String?
            if case .str(let s)? = b.given("padding") {
                guard s == "same" || s == "valid" else {
                    throw i.valueError("Invalid padding string '\(s)', should be one of ['valid', 'same']")
                }
                if s == "same" && (stride.0 != 1 || stride.1 != 1) {
                    throw i.valueError("padding='same' is not supported for strided convolutions")
                }
                padding = s == "same" ? .same : .valid
                paddingText = s
            } else {
                let p = try i.pair(b.given("padding"), 0, "padding")
                padding = .explicit(p.0, p.1)
                if p != (0, 0) { paddingText = i.tupleText(p) }
            }
            let w = try Tensor.empty([cout, cin / groups, k.0, k.1])
            let bias = hasBias ? try Tensor.empty([cout]) : nil
            try i.initLayer(weight: w, bias: bias, fanIn: cin / groups * k.0 * k.1)
            st.parameters.append(("weight", try i.newParameter(w)))
            st.parameters.append(("bias", try bias.map { try i.newParameter($0) }))
            st.extraRepr = { i in
                var s = "\(cin), \(cout), kernel_size=\(i.tupleText(k)), stride=\(i.tupleText(stride))"
                if let paddingText { s += ", padding=\(paddingText)" }
                if dilation != (1, 1) { s += ", dilation=\(i.tupleText(dilation))" }
                if groups != 1 { s += ", groups=\(groups)" }
                if !hasBias { s += ", bias=False" }
                if paddingMode != "zeros" { s += ", padding_mode=\(paddingMode)" }
                return s
            }
            st.forward = { i, inst, a in
                guard let st = inst.native as? ModuleState, case .tensor(let x)? = a.positional.first,
                      let w = st.parameters.first(where: { $0.0 == "weight" })?.1 else { throw i.typeError("Conv2d.forward() expects a Tensor") }
                return .tensor(try NN.conv2d(x, weight: w, bias: st.parameters.first(where: { $0.0 == "bias" })?.1,
                                             stride: stride, padding: padding, dilation: dilation, groups: groups))
            }
        })
        for (name, op) in [("ReLU", Tensors.UnaryOp.relu), ("Sigmoid", .sigmoid), ("Tanh", .tanh)] {
            m.dict[name] = .object(layerClass(name, params: ["inplace?"]) { i, _, st, b in
                let inplace = try b.given("inplace").map { try i.truthy($0) } ?? false
                if inplace { st.extraRepr = { _ in "inplace=True" } }
                i.simpleForward(st) { _, x in try x.unary(op) }
            })
        }
        m.dict["LeakyReLU"] = .object(layerClass("LeakyReLU", params: ["negative_slope?", "inplace?"]) { i, _, st, b in
            let slope = try b.given("negative_slope").map { try i.toDouble($0) } ?? 0.01
            let inplace = try i.boolArg(b, "inplace")
            st.extraRepr = { _ in "negative_slope=\(PyFormat.floatRepr(slope))" + (inplace ? ", inplace=True" : "") }
            i.simpleForward(st) { _, x in
                try Tensor.where(try Tensor.compare(.gt, .tensor(x), .scalar(.int(0))), .tensor(x),
                                 .tensor(try Tensor.mul(.tensor(x), .scalar(.double(slope)))))
            }
        })
        m.dict["Identity"] = .object(layerClass("Identity", params: [], varargs: true) { i, _, st, _ in
            i.simpleForward(st) { _, x in x }
        })
        m.dict["Flatten"] = .object(layerClass("Flatten", params: ["start_dim?", "end_dim?"]) { i, _, st, b in
            let s = try b.given("start_dim").map { try i.toInt($0) } ?? 1
            let e = try b.given("end_dim").map { try i.toInt($0) } ?? -1
            st.extraRepr = { _ in "start_dim=\(s), end_dim=\(e)" }
            i.simpleForward(st) { _, x in try x.flatten(startDim: s, endDim: e) }
        })
        m.dict["Softmax"] = .object(layerClass("Softmax", params: ["dim?"]) { i, _, st, b in
            let d = try b.given("dim").map { try i.toInt($0) }
            st.extraRepr = { _ in "dim=\(d.map(String.init) ?? "None")" }
            i.simpleForward(st) { _, x in try NN.softmax(x, dim: d ?? -1) }
        })
        m.dict["Dropout"] = .object(layerClass("Dropout", params: ["p?", "inplace?"]) { i, inst, st, b in
            let p = try b.given("p").map { try i.toDouble($0) } ?? 0.5
            st.extraRepr = { _ in "p=\(PyFormat.floatRepr(p)), inplace=False" }
            st.forward = { i, inst, a in
                guard case .tensor(let x)? = a.positional.first else { throw i.typeError("Dropout expects a Tensor") }
                guard (inst.native as? ModuleState)?.training == true, p > 0 else { return .tensor(x) }
                let mask = try Tensor.empty(x.shape)
                try i.fillUniform(mask, from: 0, to: 1)
                let keep = try Tensor.compare(.ge, .tensor(mask), .scalar(.double(p))).to(x.dtype)
                return .tensor(try Tensor.mul(.tensor(x), .tensor(try Tensor.mul(.tensor(keep), .scalar(.double(1 / (1 - p)))))))
            }
            _ = inst
        })
        m.dict["MaxPool2d"] = .object(layerClass("MaxPool2d", params: ["kernel_size", "stride?", "padding?", "dilation?", "return_indices?", "ceil_mode?"]) { i, _, st, b in
            let kv = b[0]!
            let sv = b.given("stride") ?? kv
            let k = try i.pair(kv, 1, "kernel_size"), s = try i.pair(sv, 1, "stride")
            let p = try i.pair(b.given("padding"), 0, "padding"), d = try i.pair(b.given("dilation"), 1, "dilation")
            let ceil = try i.boolArg(b, "ceil_mode")
            let texts = try [kv, sv, b.given("padding") ?? .int(0), b.given("dilation") ?? .int(1)].map { try i.repr($0) }
            st.extraRepr = { _ in "kernel_size=\(texts[0]), stride=\(texts[1]), padding=\(texts[2]), dilation=\(texts[3]), ceil_mode=\(ceil ? "True" : "False")" }
            i.simpleForward(st) { _, x in try NN.maxPool2d(x, kernelSize: k, stride: s, padding: p, dilation: d, ceilMode: ceil) }
        })
        m.dict["AvgPool2d"] = .object(layerClass("AvgPool2d", params: ["kernel_size", "stride?", "padding?", "ceil_mode?", "count_include_pad?"]) { i, _, st, b in
            let kv = b[0]!
            let sv = b.given("stride") ?? kv
            let k = try i.pair(kv, 1, "kernel_size"), s = try i.pair(sv, 1, "stride")
            let p = try i.pair(b.given("padding"), 0, "padding")
            let ceil = try i.boolArg(b, "ceil_mode")
            let include = try b.given("count_include_pad").map { try i.truthy($0) } ?? true
            let texts = try [kv, sv, b.given("padding") ?? .int(0)].map { try i.repr($0) }
            st.extraRepr = { _ in "kernel_size=\(texts[0]), stride=\(texts[1]), padding=\(texts[2])" }
            i.simpleForward(st) { _, x in try NN.avgPool2d(x, kernelSize: k, stride: s, padding: p, ceilMode: ceil, countIncludePad: include) }
        })
        m.dict["AdaptiveAvgPool2d"] = .object(layerClass("AdaptiveAvgPool2d", params: ["output_size"]) { i, _, st, b in
            let ov = b[0]!
            let o = try i.pair(ov, 1, "output_size")
            let text = try i.repr(ov)
            st.extraRepr = { _ in "output_size=\(text)" }
            i.simpleForward(st) { _, x in try NN.adaptiveAvgPool2d(x, outputSize: o) }
        })
        m.dict["MSELoss"] = .object(layerClass("MSELoss", params: ["size_average?", "reduce?", "reduction?"]) { i, _, st, b in
            let red = try b.given("reduction").map { try i.toStr($0) } ?? "mean"
            st.forward = { i, _, a in
                guard a.positional.count >= 2, case .tensor(let x) = a.positional[0], case .tensor(let y) = a.positional[1] else {
                    throw i.typeError("MSELoss expects (input, target) tensors")
                }
                return .tensor(try NN.mseLoss(x, y, reduction: try NN.Reduction.parse(red)))
            }
        })
        m.dict["CrossEntropyLoss"] = .object(layerClass("CrossEntropyLoss", params: ["weight?", "size_average?", "ignore_index?", "reduce?", "reduction?", "label_smoothing?"]) { i, _, st, b in
            let red = try b.given("reduction").map { try i.toStr($0) } ?? "mean"
            let ls = try b.given("label_smoothing").map { try i.toDouble($0) } ?? 0
            st.forward = { i, _, a in
                guard a.positional.count >= 2, case .tensor(let x) = a.positional[0], case .tensor(let y) = a.positional[1] else {
                    throw i.typeError("CrossEntropyLoss expects (input, target) tensors")
                }
                return .tensor(try NN.crossEntropy(x, y, reduction: try NN.Reduction.parse(red), labelSmoothing: ls))
            }
        })
    }

    func initLayer(weight: Tensor, bias: Tensor?, fanIn: Int) throws {
        weight.withUnsafeMutableBufferPointer(as: Float.self) { wb in
            if let bias {
                bias.withUnsafeMutableBufferPointer(as: Float.self) { bb in
                    TorchGenerator.default.initializeLayer(weight: wb, bias: bb, fanIn: fanIn)
                }
            } else {
                TorchGenerator.default.initializeLayer(weight: wb, bias: nil, fanIn: fanIn)
            }
        }
    }

    func fillInit(_ m: PyModule) {
        func param(_ a: Arguments, _ name: String) throws -> Tensor {
            guard case .tensor(let t)? = a.positional.first else { throw typeError("\(name)() expects a Tensor") }
            return t
        }
        m.def("zeros_") { i, a in
            let t = try param(a, "zeros_")
            try GradMode.withDisabled { _ = try t.zero_() }
            return .tensor(t)
        }
        m.def("ones_") { i, a in
            let t = try param(a, "ones_")
            try GradMode.withDisabled { _ = try t.fill_(.double(1)) }
            return .tensor(t)
        }
        m.def("constant_") { i, a in
            let b = try i.bind("constant_", a, ["tensor", "val"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("constant_() expects a Tensor") }
            try GradMode.withDisabled { _ = try t.fill_(try i.scalarArgument(b[1]!)) }
            return .tensor(t)
        }
        m.def("normal_") { i, a in
            let b = try i.bind("normal_", a, ["tensor", "mean?", "std?"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("normal_() expects a Tensor") }
            try GradMode.withDisabled {
                try i.fillNormal(t, mean: try b.given("mean").map { try i.toDouble($0) } ?? 0, std: try b.given("std").map { try i.toDouble($0) } ?? 1)
            }
            return .tensor(t)
        }
        m.def("uniform_") { i, a in
            let b = try i.bind("uniform_", a, ["tensor", "a?", "b?"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("uniform_() expects a Tensor") }
            try GradMode.withDisabled {
                try i.fillUniform(t, from: try b.given("a").map { try i.toDouble($0) } ?? 0, to: try b.given("b").map { try i.toDouble($0) } ?? 1)
            }
            return .tensor(t)
        }
        m.def("kaiming_uniform_") { i, a in
            let b = try i.bind("kaiming_uniform_", a, ["tensor", "a?", "mode?", "nonlinearity?", "generator?"])
            guard case .tensor(let t) = b[0]!, t.rank >= 2 else {
                throw i.valueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
            }
            let rf = t.shape.dropFirst(2).reduce(1, *)
            let mode = try b.given("mode").map { try i.toStr($0) } ?? "fan_in"
            let fan = mode == "fan_out" ? t.shape[0] * rf : t.shape[1] * rf
            let slope = try b.given("a").map { try i.toDouble($0) } ?? 0
            let nonlinearity = try b.given("nonlinearity").map { try i.toStr($0) } ?? "leaky_relu"
            let gain: Double
            switch nonlinearity {
            case "relu": gain = 2.0.squareRoot()
            case "leaky_relu": gain = (2.0 / (1 + slope * slope)).squareRoot()
            case "tanh": gain = 5.0 / 3
            default: gain = 1
            }
            let bound = gain * (3.0 / Double(fan)).squareRoot()
            try GradMode.withDisabled { try i.fillUniform(t, from: -bound, to: bound) }
            return .tensor(t)
        }
        m.def("xavier_uniform_") { i, a in
            let b = try i.bind("xavier_uniform_", a, ["tensor", "gain?"])
            guard case .tensor(let t) = b[0]!, t.rank >= 2 else { throw i.valueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions") }
            let rf = t.shape.dropFirst(2).reduce(1, *)
            let bound = TorchGenerator.xavierUniformBound(fanIn: t.shape[1] * rf, fanOut: t.shape[0] * rf,
                                                          gain: try b.given("gain").map { try i.toDouble($0) } ?? 1)
            try GradMode.withDisabled { try i.fillUniform(t, from: -bound, to: bound) }
            return .tensor(t)
        }
    }
}
