import Foundation
import Tensors

/// `torch.nn.functional`, `torch.optim` and the d2l helpers.
extension Interpreter {
    func tensorArg(_ v: Value?, _ fname: String, _ name: String) throws -> Tensor {
        guard case .tensor(let t)? = v else {
            throw typeError("\(fname)(): argument '\(name)' must be Tensor, not \(v.map { typeName($0) } ?? "None")")
        }
        return t
    }

    func fillFunctional(_ m: PyModule) {
        m.def("conv2d", signature: "conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1)") { i, a in
            let b = try i.bind("conv2d", a, ["input", "weight", "bias?", "stride?", "padding?", "dilation?", "groups?"])
            let x = try i.tensorArg(b[0], "conv2d", "input"), w = try i.tensorArg(b[1], "conv2d", "weight")
            let bias: Tensor? = try b.given("bias").map { try i.tensorArg($0, "conv2d", "bias") }
            var padding = NN.Padding.explicit(0, 0)
            if case .str(let s)? = b.given("padding") {
                guard s == "same" || s == "valid" else { throw i.valueError("Invalid padding string '\(s)', should be one of ['valid', 'same']") }
                padding = s == "same" ? .same : .valid
            } else {
                let p = try i.pair(b.given("padding"), 0, "padding")
                padding = .explicit(p.0, p.1)
            }
            return .tensor(try NN.conv2d(x, weight: w, bias: bias, stride: try i.pair(b.given("stride"), 1, "stride"),
                                         padding: padding, dilation: try i.pair(b.given("dilation"), 1, "dilation"),
                                         groups: try b.given("groups").map { try i.toInt($0) } ?? 1))
        }
        m.def("linear") { i, a in
            let b = try i.bind("linear", a, ["input", "weight", "bias?"])
            return .tensor(try NN.linear(try i.tensorArg(b[0], "linear", "input"), weight: try i.tensorArg(b[1], "linear", "weight"),
                                         bias: try b.given("bias").map { try i.tensorArg($0, "linear", "bias") }))
        }
        for (name, op) in [("relu", Tensors.UnaryOp.relu), ("sigmoid", .sigmoid), ("tanh", .tanh)] {
            m.def(name) { i, a in
                let b = try i.bind(name, a, ["input", "inplace?"])
                return .tensor(try i.tensorArg(b[0], name, "input").unary(op))
            }
        }
        m.def("softmax") { i, a in
            let b = try i.bind("softmax", a, ["input", "dim?", "_stacklevel?", "dtype?"])
            return .tensor(try NN.softmax(try i.tensorArg(b[0], "softmax", "input"), dim: try b.given("dim").map { try i.toInt($0) } ?? -1))
        }
        m.def("log_softmax") { i, a in
            let b = try i.bind("log_softmax", a, ["input", "dim?", "_stacklevel?", "dtype?"])
            return .tensor(try NN.logSoftmax(try i.tensorArg(b[0], "log_softmax", "input"), dim: try b.given("dim").map { try i.toInt($0) } ?? -1))
        }
        m.def("max_pool2d") { i, a in
            let b = try i.bind("max_pool2d", a, ["input", "kernel_size", "stride?", "padding?", "dilation?", "ceil_mode?", "return_indices?"])
            let k = try i.pair(b[1]!, 1, "kernel_size")
            return .tensor(try NN.maxPool2d(try i.tensorArg(b[0], "max_pool2d", "input"), kernelSize: k,
                                            stride: try b.given("stride").map { try i.pair($0, 1, "stride") } ?? k,
                                            padding: try i.pair(b.given("padding"), 0, "padding"),
                                            dilation: try i.pair(b.given("dilation"), 1, "dilation"), ceilMode: try i.boolArg(b, "ceil_mode")))
        }
        m.def("avg_pool2d") { i, a in
            let b = try i.bind("avg_pool2d", a, ["input", "kernel_size", "stride?", "padding?", "ceil_mode?", "count_include_pad?", "divisor_override?"])
            let k = try i.pair(b[1]!, 1, "kernel_size")
            return .tensor(try NN.avgPool2d(try i.tensorArg(b[0], "avg_pool2d", "input"), kernelSize: k,
                                            stride: try b.given("stride").map { try i.pair($0, 1, "stride") } ?? k,
                                            padding: try i.pair(b.given("padding"), 0, "padding"), ceilMode: try i.boolArg(b, "ceil_mode"),
                                            countIncludePad: try b.given("count_include_pad").map { try i.truthy($0) } ?? true))
        }
        m.def("adaptive_avg_pool2d") { i, a in
            let b = try i.bind("adaptive_avg_pool2d", a, ["input", "output_size"])
            return .tensor(try NN.adaptiveAvgPool2d(try i.tensorArg(b[0], "adaptive_avg_pool2d", "input"), outputSize: try i.pair(b[1]!, 1, "output_size")))
        }
        m.def("pad") { i, a in
            let b = try i.bind("pad", a, ["input", "pad", "mode?", "value?"])
            let mode = try b.given("mode").map { try i.toStr($0) } ?? "constant"
            return .tensor(try NN.pad(try i.tensorArg(b[0], "pad", "input"), try i.toIntList(b[1]!, "pad"), mode: mode,
                                      value: try b.given("value").map { try i.toDouble($0) } ?? 0))
        }
        m.def("mse_loss") { i, a in
            let b = try i.bind("mse_loss", a, ["input", "target", "size_average?", "reduce?", "reduction?"])
            return .tensor(try NN.mseLoss(try i.tensorArg(b[0], "mse_loss", "input"), try i.tensorArg(b[1], "mse_loss", "target"),
                                          reduction: try NN.Reduction.parse(try b.given("reduction").map { try i.toStr($0) } ?? "mean")))
        }
        m.def("cross_entropy") { i, a in
            let b = try i.bind("cross_entropy", a, ["input", "target", "weight?", "size_average?", "ignore_index?", "reduce?", "reduction?", "label_smoothing?"])
            return .tensor(try NN.crossEntropy(try i.tensorArg(b[0], "cross_entropy", "input"), try i.tensorArg(b[1], "cross_entropy", "target"),
                                               reduction: try NN.Reduction.parse(try b.given("reduction").map { try i.toStr($0) } ?? "mean"),
                                               labelSmoothing: try b.given("label_smoothing").map { try i.toDouble($0) } ?? 0))
        }
        m.def("dropout") { i, a in
            let b = try i.bind("dropout", a, ["input", "p?", "training?", "inplace?"])
            let x = try i.tensorArg(b[0], "dropout", "input")
            let p = try b.given("p").map { try i.toDouble($0) } ?? 0.5
            guard try b.given("training").map({ try i.truthy($0) }) ?? true, p > 0 else { return .tensor(x) }
            let mask = try Tensor.empty(x.shape)
            try i.fillUniform(mask, from: 0, to: 1)
            let keep = try Tensor.compare(.ge, .tensor(mask), .scalar(.double(p))).to(x.dtype)
            return .tensor(try Tensor.mul(.tensor(x), .tensor(try Tensor.mul(.tensor(keep), .scalar(.double(1 / (1 - p)))))))
        }
    }

    func fillOptim(_ m: PyModule) {
        let sgd = PyClass(name: "SGD", bases: [builtinTypes["object"]!], module: "torch.optim.sgd")
        sgd.makeNativeState = { inst in inst.native = SGDState() }
        sgd.dict["__init__"] = .object(PyBuiltinFunction("__init__", signature: "SGD(params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False)") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? SGDState else { return .none }
            let b = try i.bind("SGD", Arguments(Array(a.positional.dropFirst()), a.keywords),
                               ["params", "lr?", "momentum?", "dampening?", "weight_decay?", "nesterov?", "*", "maximize?", "foreach?", "differentiable?", "fused?"])
            st.params = try i.iterateAll(b[0]!).map { v in
                guard case .tensor(let t) = v else { throw i.typeError("optimizer can only optimize Tensors, but one of the params is \(i.typeName(v))") }
                return t
            }
            if st.params.isEmpty { throw i.valueError("optimizer got an empty parameter list") }
            st.lr = try b.given("lr").map { try i.toDouble($0) } ?? 0.001
            if st.lr < 0 { throw i.valueError("Invalid learning rate: \(PyFormat.floatRepr(st.lr))") }
            st.momentum = try b.given("momentum").map { try i.toDouble($0) } ?? 0
            st.dampening = try b.given("dampening").map { try i.toDouble($0) } ?? 0
            st.weightDecay = try b.given("weight_decay").map { try i.toDouble($0) } ?? 0
            st.nesterov = try i.boolArg(b, "nesterov")
            st.maximize = try i.boolArg(b, "maximize")
            st.lrText = try b.given("lr").map { try i.repr($0) } ?? "0.001"
            return .none
        })
        sgd.dict["step"] = .object(PyBuiltinFunction("step") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? SGDState else { return .none }
            try GradMode.withDisabled { try st.step() }
            return .none
        })
        sgd.dict["zero_grad"] = .object(PyBuiltinFunction("zero_grad") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? SGDState else { return .none }
            let toNone = try a.keywords.first { $0.0 == "set_to_none" }.map { try i.truthy($0.1) } ?? true
            for p in st.params { if toNone { p.grad = nil } else if let g = p.grad { _ = try g.zero_() } }
            return .none
        })
        sgd.dict["__repr__"] = .object(PyBuiltinFunction("__repr__") { _, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let st = inst.native as? SGDState else { return .str("SGD()") }
            func num(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : PyFormat.floatRepr(d) }
            return .str("""
                SGD (
                Parameter Group 0
                    dampening: \(num(st.dampening))
                    differentiable: False
                    foreach: None
                    fused: None
                    lr: \(st.lrText)
                    maximize: \(st.maximize ? "True" : "False")
                    momentum: \(num(st.momentum))
                    nesterov: \(st.nesterov ? "True" : "False")
                    weight_decay: \(num(st.weightDecay))
                )
                """)
        })
        m.dict["SGD"] = .object(sgd)
    }
}

/// `torch.optim.SGD`'s state: PyTorch's update rule, momentum buffers included.
final class SGDState {
    var params: [Tensor] = []
    var lr = 0.001, momentum = 0.0, dampening = 0.0, weightDecay = 0.0
    var nesterov = false, maximize = false
    var lrText = "0.001"
    var buffers: [ObjectIdentifier: Tensor] = [:]

    func step() throws {
        for p in params {
            guard var g = p.grad else { continue }
            if weightDecay != 0 { g = try Tensor.add(.tensor(g), .tensor(p.detach()), alpha: .double(weightDecay)) }
            if momentum != 0 {
                let id = ObjectIdentifier(p)
                if let buf = buffers[id] {
                    _ = try buf.mul_(.scalar(.double(momentum)))
                    _ = try buf.add_(.tensor(g), alpha: .double(1 - dampening))
                    g = nesterov ? try Tensor.add(.tensor(g), .tensor(buf), alpha: .double(momentum)) : buf
                } else {
                    let buf = try g.clone()
                    buffers[id] = buf
                    g = nesterov ? try Tensor.add(.tensor(g), .tensor(buf), alpha: .double(momentum)) : buf
                }
            }
            _ = try p.detach().add_(.tensor(g), alpha: .double(maximize ? lr : -lr))
        }
    }
}
