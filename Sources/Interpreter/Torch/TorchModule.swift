import Foundation
import Language
import Tensors

/// The `torch` module: creation, random numbers, math functions, dtypes, grad mode.
extension Interpreter {
    /// `torch.Tensor` as a class (for isinstance and subclass checks).
    var tensorClass: PyClass {
        if let c = builtinTypes["torch.Tensor"] { return c }
        let c = PyClass(name: "Tensor", bases: [builtinTypes["object"]!], module: "torch")
        c.nativeConstructor = { i, _, a in
            if a.positional.count == 1, case .object(let o) = a.positional[0], o is PyList || o is PyTuple {
                return .tensor(try i.tensorFromData(a.positional[0], dtype: .float32))
            }
            return .tensor(try Tensor.empty(try i.shapeArguments(a, "Tensor"), dtype: .float32))
        }
        for (name, f) in tensorMethodTable { c.dict[name] = .object(f) }
        builtinTypes["torch.Tensor"] = c
        return c
    }

    /// `torch.nn.Parameter`.
    var parameterClass: PyClass {
        if let c = builtinTypes["torch.nn.Parameter"] { return c }
        let c = PyClass(name: "Parameter", bases: [tensorClass], module: "torch.nn.parameter")
        c.nativeConstructor = { i, _, a in
            let b = try i.bind("Parameter", a, ["data?", "requires_grad?"])
            var data: Tensor
            if case .tensor(let t)? = b.given("data") {
                data = t.detach()
            } else {
                data = try Tensor.empty([0])
            }
            data = try data.detach().viewSharing()
            data.flavor = .parameter
            let rg = try b.given("requires_grad").map { try i.truthy($0) } ?? true
            if rg { _ = try data.requiresGrad_(true) }
            return .tensor(data)
        }
        builtinTypes["torch.nn.Parameter"] = c
        return c
    }

    func makeFrameworkModule(_ name: String) -> Value? {
        switch name {
        case "torch": return .object(PyModule(name: name) { [unowned self] m in self.fillTorch(m) })
        case "torch.nn": return .object(PyModule(name: name) { [unowned self] m in self.fillNN(m) })
        case "torch.nn.functional": return .object(PyModule(name: name) { [unowned self] m in self.fillFunctional(m) })
        case "torch.optim": return .object(PyModule(name: name) { [unowned self] m in self.fillOptim(m) })
        case "torch.nn.init": return .object(PyModule(name: name) { [unowned self] m in self.fillInit(m) })
        case "torch.nn.parameter": return .object(PyModule(name: name) { [unowned self] m in
            m.dict["Parameter"] = .object(self.parameterClass)
        })
        case "torch.utils", "torch.utils.data": return .object(PyModule(name: name))
        case "d2l": return .object(PyModule(name: name) { [unowned self] m in
            m.dict["torch"] = (try? self.importModule("d2l.torch")) ?? Value.none
            m.dict["mxnet"] = (try? self.importModule("d2l.mxnet")) ?? Value.none
        })
        case "d2l.torch": return .object(PyModule(name: name) { [unowned self] m in self.fillD2L(m, mxnet: false) })
        case "d2l.mxnet": return .object(PyModule(name: name) { [unowned self] m in self.fillD2L(m, mxnet: true) })
        default: return makeMXNetModule(name)
        }
    }

    /// Shape from `zeros(2, 3)`, `zeros((2, 3))`, `zeros(size=(2, 3))`.
    func creationShape(_ b: BoundArguments, _ fname: String) throws -> [Int] {
        if let s = b.given("size") { return try toIntList(s, "size") }
        if b.extraPositional.count == 1 {
            if case .object(let o) = b.extraPositional[0], o is PyTuple || o is PyList {
                return try toIntList(b.extraPositional[0], "size")
            }
        }
        return try b.extraPositional.map { v in
            guard let n = try intIndex(v) else {
                throw typeError("\(fname)(): argument 'size' (position 1) must be tuple of ints, but found element of type \(typeName(v)) at pos 0")
            }
            return n
        }
    }

    func withRequiresGrad(_ t: Tensor, _ b: BoundArguments) throws -> Value {
        if try boolArg(b, "requires_grad") { _ = try t.requiresGrad_(true) }
        return .tensor(t)
    }

    func fillUniform(_ t: Tensor, from: Double, to: Double) throws {
        try RandomError.checkUniform(from: from, to: to)
        try fillRandom(t) { buf in TorchGenerator.default.uniform(buf, from: from, to: to) } double: { buf in
            TorchGenerator.default.uniform(buf, from: from, to: to)
        }
    }

    func fillNormal(_ t: Tensor, mean: Double, std: Double) throws {
        try RandomError.checkNormal(std: std)
        let contiguous = t.isContiguous
        try fillRandom(t) { buf in TorchGenerator.default.normal(buf, mean: mean, std: std, contiguous: contiguous) } double: { buf in
            TorchGenerator.default.normal(buf, mean: mean, std: std, contiguous: contiguous)
        }
    }

    /// Fills a float tensor in memory order (a non-contiguous one through a temporary).
    func fillRandom(_ t: Tensor, float: (UnsafeMutableBufferPointer<Float>) -> Void,
                    double: (UnsafeMutableBufferPointer<Double>) -> Void) throws {
        guard t.dtype.isFloatingPoint else {
            throw notImplemented("\"normal_kernel_cpu\" not implemented for '\(t.dtype.scalarTypeName)'")
        }
        let target = t.isContiguous ? t : try Tensor.empty(t.shape, dtype: t.dtype)
        if target.dtype == .float32 {
            target.withUnsafeMutableBufferPointer(as: Float.self) { float($0) }
        } else {
            target.withUnsafeMutableBufferPointer(as: Double.self) { double($0) }
        }
        if target !== t { try GradMode.withDisabled { _ = try t.detach().copy_(target) } }
    }

    func randomTensor(_ a: Arguments, _ fname: String, normal: Bool) throws -> Value {
        let b = try bind(fname, a, ["*", "size?", "generator?", "dtype?", "device?", "requires_grad?", "out?", "layout?", "pin_memory?"], varargs: true)
        let shape = try creationShape(b, fname)
        let dt = try b.given("dtype").map { try dtypeArgument($0) } ?? .float32
        let t = try Tensor.empty(shape, dtype: dt)
        if normal { try fillNormal(t, mean: 0, std: 1) } else { try fillUniform(t, from: 0, to: 1) }
        return try withRequiresGrad(t, b)
    }

    func softmax(_ t: Tensor, dim: Int, log: Bool) throws -> Tensor {
        let x = t.dtype.isFloatingPoint ? t : try t.to(.float32)
        let m = try x.amax(dims: [dim], keepdim: true).detach()
        let shifted = try Tensor.sub(.tensor(x), .tensor(m))
        let e = try shifted.exp()
        let s = try e.sum(dims: [dim], keepdim: true)
        if log { return try Tensor.sub(.tensor(shifted), .tensor(try s.log())) }
        return try Tensor.div(.tensor(e), .tensor(s))
    }

    private func fillTorch(_ m: PyModule) {
        m.dict["Tensor"] = .object(tensorClass)
        m.dict["Size"] = .object({
            let c = PyClass(name: "Size", bases: [builtinTypes["tuple"]!], module: "torch")
            c.nativeConstructor = { i, _, a in
                .object(PyTuple(try a.positional.first.map { try i.iterateAll($0) } ?? [], torchSize: true))
            }
            return c
        }())
        for d in DType.allCases { m.dict[d.name] = dtypeValue(d) }
        m.dict["float"] = dtypeValue(.float32)
        m.dict["double"] = dtypeValue(.float64)
        m.dict["long"] = dtypeValue(.int64)
        m.dict["int"] = dtypeValue(.int32)
        m.dict["short"] = dtypeValue(.int16)
        m.dict["half"] = Value.none
        m.dict["dtype"] = .object(PyClass(name: "dtype", bases: [builtinTypes["object"]!], module: "torch"))
        m.dict["__version__"] = .str("2.15.0+cnb")
        m.dict["nn"] = (try? importModule("torch.nn")) ?? Value.none
        m.dict["optim"] = (try? importModule("torch.optim")) ?? Value.none
        m.dict["pi"] = .float(Double.pi)
        m.dict["inf"] = .float(.infinity)
        m.dict["nan"] = .float(.nan)
        m.dict["cuda"] = .object(PyModule(name: "torch.cuda") { c in
            c.def("is_available") { _, _ in .bool(false) }
            c.def("device_count") { _, _ in .int(0) }
        })
        m.def("device") { _, _ in .object(DeviceObject()) }

        m.def("tensor", signature: "tensor(data, *, dtype=None, requires_grad=False)", doc: "Makes a tensor from nested lists of numbers.") { i, a in
            let b = try i.bind("tensor", a, ["data", "*", "dtype?", "device?", "requires_grad?", "pin_memory?"])
            let dt = try b.given("dtype").map { try i.dtypeArgument($0) }
            let t: Tensor
            if case .tensor(let src) = b[0]! {
                t = try src.detach().clone()
                let r = dt.map { try? t.to($0) } ?? t
                return try i.withRequiresGrad(r ?? t, b)
            }
            t = try i.tensorFromData(b[0]!, dtype: dt)
            return try i.withRequiresGrad(t, b)
        }
        m.def("as_tensor") { i, a in
            let b = try i.bind("as_tensor", a, ["data", "dtype?", "device?"])
            if case .tensor(let t) = b[0]! {
                if let d = b.given("dtype") { return .tensor(try t.to(try i.dtypeArgument(d))) }
                return .tensor(t)
            }
            return .tensor(try i.tensorFromData(b[0]!, dtype: try b.given("dtype").map { try i.dtypeArgument($0) }))
        }
        for (name, value) in [("zeros", 0.0), ("ones", 1.0)] {
            m.def(name, signature: "\(name)(*size, dtype=None, requires_grad=False)") { i, a in
                let b = try i.bind(name, a, ["*", "size?", "out?", "dtype?", "layout?", "device?", "requires_grad?"], varargs: true)
                let dt = try b.given("dtype").map { try i.dtypeArgument($0) } ?? .float32
                let shape = try i.creationShape(b, name)
                let t = value == 0 ? try Tensor.zeros(shape, dtype: dt) : try Tensor.ones(shape, dtype: dt)
                return try i.withRequiresGrad(t, b)
            }
        }
        m.def("empty") { i, a in
            let b = try i.bind("empty", a, ["*", "size?", "out?", "dtype?", "layout?", "device?", "requires_grad?"], varargs: true)
            let dt = try b.given("dtype").map { try i.dtypeArgument($0) } ?? .float32
            return try i.withRequiresGrad(try Tensor.zeros(try i.creationShape(b, "empty"), dtype: dt), b)
        }
        m.def("full") { i, a in
            let b = try i.bind("full", a, ["size", "fill_value", "*", "out?", "dtype?", "device?", "requires_grad?"])
            let t = try Tensor.full(try i.toIntList(b[0]!, "size"), try i.scalarArgument(b[1]!),
                                    dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
            return try i.withRequiresGrad(t, b)
        }
        for (name, kind) in [("zeros_like", 0), ("ones_like", 1), ("empty_like", 2), ("rand_like", 3), ("randn_like", 4)] {
            m.def(name) { i, a in
                let b = try i.bind(name, a, ["input", "*", "dtype?", "device?", "requires_grad?", "memory_format?"])
                guard case .tensor(let src) = b[0]! else { throw i.typeError("\(name)(): argument 'input' must be Tensor") }
                let dt = try b.given("dtype").map { try i.dtypeArgument($0) } ?? src.dtype
                let t: Tensor
                switch kind {
                case 0, 2: t = try Tensor.zeros(src.shape, dtype: dt)
                case 1: t = try Tensor.ones(src.shape, dtype: dt)
                default:
                    t = try Tensor.empty(src.shape, dtype: dt)
                    if kind == 3 { try i.fillUniform(t, from: 0, to: 1) } else { try i.fillNormal(t, mean: 0, std: 1) }
                }
                return try i.withRequiresGrad(t, b)
            }
        }
        m.def("full_like") { i, a in
            let b = try i.bind("full_like", a, ["input", "fill_value", "*", "dtype?", "requires_grad?"])
            guard case .tensor(let src) = b[0]! else { throw i.typeError("full_like(): argument 'input' must be Tensor") }
            let t = try Tensor.full(src.shape, try i.scalarArgument(b[1]!),
                                    dtype: try b.given("dtype").map { try i.dtypeArgument($0) } ?? src.dtype)
            return try i.withRequiresGrad(t, b)
        }
        m.def("arange", signature: "arange(start=0, end, step=1, *, dtype=None)") { i, a in
            let b = try i.bind("arange", a, ["start", "end?", "step?", "*", "out?", "dtype?", "device?", "requires_grad?"])
            var start = try i.scalarArgument(b[0]!)
            var end: Scalar
            if let e = b.given("end") {
                end = try i.scalarArgument(e)
            } else {
                end = start
                start = .int(0)
            }
            let step = try b.given("step").map { try i.scalarArgument($0) } ?? .int(1)
            let t = try Tensor.arange(start, end, step, dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
            return try i.withRequiresGrad(t, b)
        }
        m.def("linspace") { i, a in
            let b = try i.bind("linspace", a, ["start", "end", "steps", "*", "dtype?", "requires_grad?"])
            let t = try Tensor.linspace(try i.scalarArgument(b[0]!), try i.scalarArgument(b[1]!), steps: try i.toInt(b[2]!),
                                        dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
            return try i.withRequiresGrad(t, b)
        }
        m.def("eye") { i, a in
            let b = try i.bind("eye", a, ["n", "m?", "*", "dtype?", "requires_grad?"])
            let t = try Tensor.eye(try i.toInt(b[0]!), try b.given("m").map { try i.toInt($0) },
                                   dtype: try b.given("dtype").map { try i.dtypeArgument($0) } ?? .float32)
            return try i.withRequiresGrad(t, b)
        }
        // Files are out of a notebook's reach: save/load say so instead of "no attribute".
        for name in ["save", "load"] {
            m.def(name) { i, _ in throw i.sandboxError("torch.\(name)()") }
        }
        // Random numbers (PyTorch's generator, bit for bit).
        m.def("manual_seed", signature: "manual_seed(seed)") { i, a in
            let s = try i.toInt(try i.bind("manual_seed", a, ["seed"])[0]!, "seed")
            TorchGenerator.default.manualSeed(s)
            return .object(TorchGeneratorObject())
        }
        m.def("seed") { _, _ in
            TorchGenerator.default.manualSeed(Int(truncatingIfNeeded: UInt64.random(in: 0..<(1 << 53))))
            return .int(Int(truncatingIfNeeded: TorchGenerator.default.initialSeed()))
        }
        m.def("initial_seed") { _, _ in .int(Int(truncatingIfNeeded: TorchGenerator.default.initialSeed())) }
        m.def("rand", signature: "rand(*size, dtype=None, requires_grad=False)") { i, a in try i.randomTensor(a, "rand", normal: false) }
        m.def("randn", signature: "randn(*size, dtype=None, requires_grad=False)") { i, a in try i.randomTensor(a, "randn", normal: true) }
        m.def("randint", signature: "randint(low=0, high, size, *, dtype=torch.int64)") { i, a in
            let b = try i.bind("randint", a, ["low", "high?", "size?", "*", "generator?", "dtype?", "device?", "requires_grad?"])
            var low = 0
            var high: Int
            var sizeV: Value
            if let s = b["size"] {
                low = try i.toInt(b[0]!)
                high = try i.toInt(b["high"]!)
                sizeV = s
            } else if let h = b["high"] {
                high = try i.toInt(b[0]!)
                sizeV = h
            } else {
                throw i.typeError("randint() missing required argument 'size'")
            }
            if b["size"] == nil { low = 0 }
            let shape = try i.toIntList(sizeV, "size")
            let t = try Tensor.empty(shape, dtype: .int64)
            try t.withUnsafeMutableBufferPointer(as: Int64.self) { buf in
                try TorchGenerator.default.randint(buf, low: Int64(low), high: Int64(high))
            }
            if let d = b.given("dtype") { return .tensor(try t.to(try i.dtypeArgument(d))) }
            _ = high
            return .tensor(t)
        }
        m.def("randperm") { i, a in
            let b = try i.bind("randperm", a, ["n", "*", "dtype?"])
            let t = try Tensor.empty([try i.toInt(b[0]!)], dtype: .int64)
            t.withUnsafeMutableBufferPointer(as: Int64.self) { TorchGenerator.default.randperm($0) }
            return .tensor(t)
        }
        m.def("normal") { i, a in
            let b = try i.bind("normal", a, ["mean", "std?", "size?", "*", "generator?", "dtype?"])
            let mean = try i.toDouble(b[0]!), std = try b.given("std").map { try i.toDouble($0) } ?? 1
            let t = try Tensor.empty(try b.given("size").map { try i.toIntList($0) } ?? [], dtype: .float32)
            try i.fillNormal(t, mean: mean, std: std)
            return .tensor(t)
        }
        // Grad mode.
        m.def("no_grad") { _, _ in .object(GradModeContext(enabled: false)) }
        m.def("enable_grad") { _, _ in .object(GradModeContext(enabled: true)) }
        m.def("set_grad_enabled") { i, a in
            let on = try i.truthy(try i.bind("set_grad_enabled", a, ["mode"])[0]!)
            let ctx = GradModeContext(enabled: on)
            ctx.previous = GradMode.isEnabled
            GradMode.isEnabled = on
            return .object(ctx)
        }
        m.def("is_grad_enabled") { _, _ in .bool(GradMode.isEnabled) }
        m.def("is_tensor") { i, a in
            if case .tensor = try i.bind("is_tensor", a, ["obj"])[0]! { return .bool(true) }
            return .bool(false)
        }
        m.def("numel") { i, a in
            guard case .tensor(let t) = try i.bind("numel", a, ["input"])[0]! else { throw i.typeError("numel(): argument 'input' must be Tensor") }
            return .int(t.count)
        }
        m.def("cat", signature: "cat(tensors, dim=0)") { i, a in
            let b = try i.bind("cat", a, ["tensors", "dim?", "*", "axis?", "out?"])
            let ts = try i.tensorList(b[0]!, "cat")
            return .tensor(try Tensor.cat(ts, dim: try (b.given("dim") ?? b.given("axis")).map { try i.toInt($0) } ?? 0))
        }
        m.dict["concat"] = m.dict["cat"]
        m.dict["concatenate"] = m.dict["cat"]
        m.def("stack", signature: "stack(tensors, dim=0)") { i, a in
            let b = try i.bind("stack", a, ["tensors", "dim?", "*", "out?"])
            return .tensor(try Tensor.stack(try i.tensorList(b[0]!, "stack"), dim: try b.given("dim").map { try i.toInt($0) } ?? 0))
        }
        m.def("where", signature: "where(condition, input, other)") { i, a in
            let b = try i.bind("where", a, ["condition", "input?", "other?"])
            guard case .tensor(let c) = b[0]! else { throw i.typeError("where(): argument 'condition' must be Tensor") }
            guard let x = b["input"], let y = b["other"] else {
                let nz = try c.nonzero()
                return .object(PyTuple(try (0..<c.rank).map { d in .tensor(try nz.select(1, d)) }))
            }
            return .tensor(try Tensor.where(c, try i.operand(x, "where(): argument 'input' must be Tensor"),
                                            try i.operand(y, "where(): argument 'other' must be Tensor")))
        }
        m.def("equal") { i, a in
            let b = try i.bind("equal", a, ["input", "other"])
            let (x, y) = try i.twoTensors("equal", b[0]!, b[1]!)
            return .bool(try Tensor.equal(x, y))
        }
        m.def("set_printoptions", signature: "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)") { i, a in
            let b = try i.bind("set_printoptions", a, ["precision?", "threshold?", "edgeitems?", "linewidth?", "profile?", "sci_mode?"])
            var o = i.printOptions
            if let p = b.given("profile") {
                guard let prof = TorchPrintOptions.profile(named: try i.toStr(p)) else { throw i.valueError("unknown print profile") }
                o = prof
            }
            if let v = b.given("precision") { o.precision = try i.toInt(v) }
            if let v = b.given("threshold") { o.threshold = Int(min(Double(Int.max / 2), try i.toDouble(v))) }
            if let v = b.given("edgeitems") { o.edgeitems = try i.toInt(v) }
            if let v = b.given("linewidth") { o.linewidth = try i.toInt(v) }
            if b["sci_mode"] != nil { o.sciMode = try b.given("sci_mode").map { try i.truthy($0) } }
            i.printOptions = o
            return .none
        }
        m.def("get_default_dtype") { i, _ in i.dtypeValue(.float32) }
        m.def("set_default_dtype") { i, a in
            let d = try i.dtypeArgument(try i.bind("set_default_dtype", a, ["d"])[0]!)
            if d != .float32 { throw i.notImplemented("cnb's default dtype is float32") }
            return .none
        }
        m.def("from_numpy") { i, _ in throw i.notImplemented("numpy is not available in cnb") }
        m.def("broadcast_shapes") { i, a in
            var shape: [Int] = []
            for s in a.positional {
                let t = try Tensor.zeros(try i.toIntList(s))
                shape = try Tensor.add(.tensor(try Tensor.zeros(shape)), .tensor(t)).shape
            }
            return i.sizeValue(shape)
        }
        // Function forms of tensor methods: torch.sum(x, 0) == x.sum(0).
        let forwarded = ["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "all", "any",
                         "norm", "cumsum", "sort", "argsort", "topk", "abs", "exp", "log", "log2", "log10", "log1p", "expm1",
                         "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid", "relu", "sign", "floor", "ceil", "round",
                         "trunc", "frac", "reciprocal", "square", "neg", "negative", "clamp", "clip", "reshape", "flatten",
                         "squeeze", "unsqueeze", "permute", "transpose", "t", "clone", "detach", "matmul", "mm", "bmm", "mv",
                         "dot", "outer", "add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide",
                         "floor_divide", "remainder", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge",
                         "allclose", "isclose", "logical_and", "logical_or", "logical_not", "logical_xor", "split", "chunk",
                         "unbind", "flip", "softmax", "log_softmax", "narrow", "select", "nonzero", "index_select",
                         "masked_fill", "repeat_interleave", "numel", "tile", "count_nonzero"]
        for name in forwarded where m.dict[name] == nil {
            m.def(name) { i, a in
                guard let first = a.positional.first ?? a.keywords.first(where: { $0.0 == "input" })?.1 else {
                    throw i.typeError("\(name)() missing 1 required positional argument: 'input'")
                }
                let rest = a.positional.isEmpty ? [] : Array(a.positional.dropFirst())
                let kws = a.keywords.filter { $0.0 != "input" }
                guard case .tensor = first else {
                    if let s = i.scalar(first) {
                        return try i.callMethod(.tensor(try Tensor(scalar: s)), name, rest, kws)
                    }
                    throw i.typeError("\(name)(): argument 'input' (position 1) must be Tensor, not \(i.typeName(first))")
                }
                return try i.callMethod(first, name, rest, kws)
            }
        }
        m.def("isclose") { i, a in
            let b = try i.bind("isclose", a, ["input", "other", "rtol?", "atol?", "equal_nan?"])
            let (x, y) = try i.twoTensors("isclose", b[0]!, b[1]!)
            return .tensor(try Tensor.isclose(x, y, rtol: try b.given("rtol").map { try i.toDouble($0) } ?? 1e-5,
                                              atol: try b.given("atol").map { try i.toDouble($0) } ?? 1e-8,
                                              equalNan: try i.boolArg(b, "equal_nan")))
        }
    }

    func tensorList(_ v: Value, _ fname: String) throws -> [Tensor] {
        try iterateAll(v).map { x in
            guard case .tensor(let t) = x else {
                throw typeError("\(fname)(): expected a sequence of Tensors, but got \(typeName(x))")
            }
            return t
        }
    }
}

/// `with torch.no_grad():` and friends.
final class GradModeContext: PyObject {
    let enabled: Bool
    var previous: Bool?
    init(enabled: Bool) { self.enabled = enabled }
    override var typeName: String { enabled ? "enable_grad" : "no_grad" }
    override var isCallable: Bool { true }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__enter__":
            return .object(PyBuiltinFunction("__enter__") { [self] _, _ in
                if previous == nil { previous = GradMode.isEnabled }
                GradMode.isEnabled = enabled
                return .none
            })
        case "__exit__":
            return .object(PyBuiltinFunction("__exit__") { [self] _, _ in
                GradMode.isEnabled = previous ?? true
                previous = nil
                return .bool(false)
            })
        default: return nil
        }
    }
    /// `@torch.no_grad()` as a decorator.
    override func call(_ args: [Value], _ kwargs: [(String, Value)], _ interp: Interpreter) throws -> Value? {
        guard let f = args.first else { return .object(self) }
        let enabled = self.enabled
        return .object(PyBuiltinFunction("decorated") { i, a in
            try GradMode.with(enabled: enabled) { try i.call(f, a.positional, a.keywords) }
        })
    }
}

/// What `torch.manual_seed` returns (`<torch._C.Generator object at 0x...>`).
final class TorchGeneratorObject: PyObject {
    override var typeName: String { "Generator" }
    override func repr(_ interp: Interpreter) throws -> String { "<torch._C.Generator object at 0x\(interp.fakeAddress(self))>" }
}

extension Tensor {
    /// A new tensor object sharing this one's storage and geometry (so flags like
    /// `flavor` can differ without touching the original).
    func viewSharing() throws -> Tensor {
        try asStrided(shape, strides, offset: storageOffset)
    }
}

extension Interpreter {
    /// The `input` and `other` tensors of a two-tensor torch function, or PyTorch's TypeError
    /// naming the first argument that is not a tensor.
    func twoTensors(_ fn: String, _ a: Value, _ b: Value) throws -> (Tensor, Tensor) {
        for (k, (name, v)) in [("input", a), ("other", b)].enumerated() {
            if case .tensor = v { continue }
            throw typeError("\(fn)(): argument '\(name)' (position \(k + 1)) must be Tensor, not \(typeName(v))")
        }
        guard case .tensor(let x) = a, case .tensor(let y) = b else { throw typeError("\(fn)(): arguments must be Tensors") }
        return (x, y)
    }
}
