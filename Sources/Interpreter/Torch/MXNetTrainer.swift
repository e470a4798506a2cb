import Tensors

/// Native state of a `gluon.Trainer` with MXNet's SGD.
final class MXTrainerState: NativeInstanceState {
    var params: [PyInstance] = []
    var learningRate = 0.01
    var wd = 0.0
    var momentum = 0.0
    var clipGradient: Double?
    /// `rescale_grad` before `step` divides it by the batch size.
    var scale = 1.0
    /// Momentum buffers, per parameter array.
    var momenta: [ObjectIdentifier: Tensor] = [:]

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        name == "learning_rate" ? .float(learningRate) : nil
    }

    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool {
        if name == "learning_rate" {
            throw interp.attributeError("can't set attribute")
        }
        return false
    }
}

extension Interpreter {
    /// `mxnet.gluon`.
    func fillGluon(_ m: PyModule) {
        m.dict["Block"] = .object(mxBlockClass)
        m.dict["HybridBlock"] = .object(mxHybridBlockClass)
        m.dict["Parameter"] = .object(mxParameterClass)
        m.dict["ParameterDict"] = .object(mxParameterDictClass)
        m.dict["Trainer"] = .object(mxTrainerClass)
        m.dict["nn"] = (try? importModule("mxnet.gluon.nn")) ?? Value.none
        m.dict["loss"] = (try? importModule("mxnet.gluon.loss")) ?? Value.none
    }

    // MARK: - Trainer

    var mxTrainerClass: PyClass {
        if let c = builtinTypes["mxnet.gluon.Trainer"] { return c }
        let c = PyClass(name: "Trainer", bases: [builtinTypes["object"]!], module: "mxnet.gluon.trainer")
        c.makeNativeState = { inst in inst.native = MXTrainerState() }
        builtinTypes["mxnet.gluon.Trainer"] = c
        func def(_ name: String, _ params: [String], _ body: @escaping (Interpreter, PyInstance, MXTrainerState, BoundArguments) throws -> Value) {
            c.dict[name] = .object(PyBuiltinFunction(name, qualified: "Trainer.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? MXTrainerState else {
                    throw i.typeError("descriptor '\(name)' requires a 'Trainer' object")
                }
                return try body(i, inst, st, try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params))
            })
        }
        def("__init__", ["params", "optimizer", "optimizer_params?", "kvstore?", "compression_params?", "update_on_kvstore?"]) { i, _, st, b in
            st.params = try i.mxTrainerParams(b[0]!)
            guard case .str(let opt) = b[1]! else {
                throw i.notImplemented("cnb's Trainer takes the optimizer by name ('sgd')")
            }
            guard opt.lowercased() == "sgd" else {
                throw i.notImplemented("cnb's Trainer supports the 'sgd' optimizer only, not '\(opt)'")
            }
            if let op = b.given("optimizer_params") {
                for (k, v) in try i.mappingPairs(op) {
                    let key = try i.toStr(k, "optimizer_params key")
                    switch key {
                    case "learning_rate": st.learningRate = try i.toDouble(v)
                    case "wd": st.wd = try i.toDouble(v)
                    case "momentum": st.momentum = try i.toDouble(v)
                    case "clip_gradient": st.clipGradient = v.isNone ? nil : try i.toDouble(v)
                    case "rescale_grad": st.scale = try i.toDouble(v)
                    case "lazy_update", "multi_precision": break
                    default: throw i.valueError("SGD got an unexpected optimizer parameter '\(key)'")
                    }
                }
            }
            return .none
        }
        def("step", ["batch_size", "ignore_stale_grad?"]) { i, _, st, b in
            try i.mxSGDStep(st, batchSize: try i.toDouble(b[0]!))
            return .none
        }
        def("update", ["batch_size", "ignore_stale_grad?"]) { i, _, st, b in
            try i.mxSGDStep(st, batchSize: try i.toDouble(b[0]!))
            return .none
        }
        def("allreduce_grads", []) { _, _, _, _ in .none }
        def("set_learning_rate", ["lr"]) { i, _, st, b in
            st.learningRate = try i.toDouble(b[0]!)
            return .none
        }
        return c
    }

    /// The Trainer's parameters: a ParameterDict's values or a list of Parameters.
    private func mxTrainerParams(_ v: Value) throws -> [PyInstance] {
        let items: [Value]
        if case .object(let d as PyInstance) = v, let pd = d.native as? MXParameterDict {
            items = pd.values.map { .object($0) }
        } else if case .object(let o) = v, o is PyList || o is PyTuple {
            items = try iterateAll(v)
        } else {
            throw valueError("First argument must be a list or dict of Parameters, got \(typeName(v)).")
        }
        return try items.map { x in
            guard case .object(let p as PyInstance) = x, p.native is MXParameter else {
                throw valueError("First argument must be a list or dict of Parameters, got list of \(typeName(x)).")
            }
            return p
        }
    }

    /// One SGD step over every parameter with a gradient, as MXNet 1.9.1's `multi_sgd_update` /
    /// `multi_sgd_mom_update` compute it in float32:
    /// `mom = momentum·mom − lr·wd·w − lr·rescale·g; w = w + mom` with `rescale = scale / batch_size`.
    private func mxSGDStep(_ st: MXTrainerState, batchSize: Double) throws {
        let rescale = st.scale / batchSize
        for pi in st.params {
            guard let p = pi.native as? MXParameter, p.gradReq != .null else { continue }
            let w = try p.data(self)
            guard let g = w.grad else { continue }
            let lr = st.learningRate * p.lrMult, wd = st.wd * p.wdMult
            var mom: Tensor?
            if st.momentum > 0 {
                if let m = st.momenta[ObjectIdentifier(w)] {
                    mom = m
                } else {
                    let m = try Tensor.zeros(w.shape, dtype: w.dtype)
                    st.momenta[ObjectIdentifier(w)] = m
                    mom = m
                }
            }
            guard w.isContiguous, w.dtype == .float32 || w.dtype == .float64 else {
                throw notImplemented("cnb's SGD updates contiguous float32/float64 parameters only")
            }
            let grad = try GradMode.withDisabled { try g.detach().to(w.dtype).contiguous() }
            let updated = try GradMode.withDisabled { try w.detach().clone() }
            if w.dtype == .float32 {
                sgdKernel(Float.self, updated, grad, mom, lr: Float(lr), wd: Float(wd), momentum: Float(st.momentum),
                          rescale: Float(rescale), clip: st.clipGradient.map { Float($0) })
            } else {
                sgdKernel(Double.self, updated, grad, mom, lr: Double(Float(lr)), wd: Double(Float(wd)),
                          momentum: Double(Float(st.momentum)), rescale: Double(Float(rescale)),
                          clip: st.clipGradient.map { Double(Float($0)) })
            }
            try GradMode.withDisabled { _ = try w.detach().copy_(updated) }
        }
    }

    private func sgdKernel<T: BinaryFloatingPoint>(_: T.Type, _ w: Tensor, _ g: Tensor, _ mom: Tensor?, lr: T, wd: T,
                                                   momentum: T, rescale: T, clip: T?) {
        w.withUnsafeMutableBufferPointer(as: T.self) { wb in
            g.withUnsafeMutableBufferPointer(as: T.self) { gb in
                func run(_ mb: UnsafeMutableBufferPointer<T>?) {
                    for k in 0..<wb.count {
                        let weight = wb[k]
                        var grad = rescale * gb[k]
                        if let clip { grad = Swift.min(Swift.max(grad, -clip), clip) }
                        var m: T = mb.map { $0[k] } ?? 0
                        m = momentum * m - lr * wd * weight - lr * grad
                        if let mb { mb[k] = m }
                        wb[k] = weight + m
                    }
                }
                if let mom { mom.withUnsafeMutableBufferPointer(as: T.self) { run($0) } } else { run(nil) }
            }
        }
    }

    // MARK: - Losses

    /// `mxnet.gluon.loss`: L2Loss, L1Loss, SoftmaxCrossEntropyLoss. Each returns one loss per
    /// sample: the mean over every axis but the batch axis.
    func fillGluonLoss(_ m: PyModule) {
        let lossBase: PyClass = {
            let key = "mxnet.gluon.Loss"
            if let c = builtinTypes[key] { return c }
            let c = PyClass(name: "Loss", bases: [mxHybridBlockClass], module: "mxnet.gluon.loss")
            builtinTypes[key] = c
            return c
        }()
        m.dict["Loss"] = .object(lossBase)
        for name in ["L2Loss", "L1Loss"] {
            let isL2 = name == "L2Loss"
            m.dict[name] = .object(gluonLayerClass(name, alias: nil, base: lossBase, params: ["weight?", "batch_axis?"]) { i, _, st, b in
                let weight: Double? = try b["weight"].map { $0.isNone ? nil : try i.toDouble($0) } ?? (isL2 ? 1 : nil)
                let batchAxis = try b.given("batch_axis").map { try i.toInt($0) } ?? 0
                st.repr = { _, inst in
                    "\(inst.cls.name)(batch_axis=\(batchAxis), w=\(weight.map { PyFormat.floatRepr($0) } ?? "None"))"
                }
                st.forward = { i, _, a in
                    let (pred, label, sampleWeight) = try i.mxLossInputs(a, name)
                    let diff = try Tensor.sub(.tensor(try label.reshape(pred.shape)), .tensor(pred))
                    var loss = isL2 ? try diff.unary(.square) : try diff.unary(.abs)
                    if let sampleWeight { loss = try Tensor.mul(.tensor(loss), .tensor(sampleWeight)) }
                    if let weight { loss = try Tensor.mul(.tensor(loss), .scalar(.double(isL2 ? weight / 2 : weight))) }
                    return i.ndarray(try i.mxMeanExcept(loss, batchAxis))
                }
            })
        }
        m.dict["SoftmaxCrossEntropyLoss"] = .object(gluonLayerClass("SoftmaxCrossEntropyLoss", alias: nil, base: lossBase,
            params: ["axis?", "sparse_label?", "from_logits?", "weight?", "batch_axis?"]) { i, _, st, b in
            let axis = try b.given("axis").map { try i.toInt($0) } ?? -1
            let sparse = try b.given("sparse_label").map { try i.truthy($0) } ?? true
            let fromLogits = try i.boolArg(b, "from_logits")
            let weight = try b.given("weight").map { try i.toDouble($0) }
            let batchAxis = try b.given("batch_axis").map { try i.toInt($0) } ?? 0
            st.repr = { _, inst in
                "\(inst.cls.name)(batch_axis=\(batchAxis), w=\(weight.map { PyFormat.floatRepr($0) } ?? "None"))"
            }
            st.forward = { i, _, a in
                let (pred0, label, sampleWeight) = try i.mxLossInputs(a, "SoftmaxCrossEntropyLoss")
                let pred = fromLogits ? pred0 : try i.softmax(pred0, dim: axis, log: true)
                var loss: Tensor
                if sparse {
                    guard pred.rank == 2, axis == -1 || axis == 1 else {
                        throw i.notImplemented("cnb's SoftmaxCrossEntropyLoss with sparse labels takes (batch, classes) predictions")
                    }
                    let rows = try Tensor.arange(.int(0), .int(pred.shape[0]), dtype: .int64)
                    let picked = try pred.index([.tensor(rows), .tensor(try label.reshape([-1]).to(.int64))])
                    loss = try picked.neg().unsqueeze(1)
                } else {
                    loss = try Tensor.mul(.tensor(pred), .tensor(label)).sum(dims: [axis], keepdim: true).neg()
                }
                if let sampleWeight { loss = try Tensor.mul(.tensor(loss), .tensor(sampleWeight)) }
                if let weight { loss = try Tensor.mul(.tensor(loss), .scalar(.double(weight))) }
                return i.ndarray(try i.mxMeanExcept(loss, batchAxis))
            }
        })
        m.dict["SoftmaxCELoss"] = m.dict["SoftmaxCrossEntropyLoss"]
    }

    private func mxLossInputs(_ a: Arguments, _ name: String) throws -> (Tensor, Tensor, Tensor?) {
        guard a.positional.count >= 2, case .tensor(let pred) = a.positional[0] else {
            throw typeError("\(name) expects (pred, label) NDArrays")
        }
        let label: Tensor
        switch a.positional[1] {
        case .tensor(let t): label = t
        default: label = try ndArrayFromData(a.positional[1], dtype: pred.dtype)
        }
        var sw: Tensor?
        if a.positional.count > 2, case .tensor(let t) = a.positional[2] { sw = t }
        if case .tensor(let t)? = a.keywords.first(where: { $0.0 == "sample_weight" })?.1 { sw = t }
        return (pred, label, sw)
    }

    /// `F.mean(loss, axis=batch_axis, exclude=True)`: the mean over every other axis.
    private func mxMeanExcept(_ loss: Tensor, _ batchAxis: Int) throws -> Tensor {
        let b = batchAxis < 0 ? batchAxis + loss.rank : batchAxis
        let dims = (0..<loss.rank).filter { $0 != b }
        return dims.isEmpty ? loss : try loss.mean(dims: dims)
    }
}
