import Language
import Tensors

/// `mxnet.nd`: NDArray creation, math and MXNet's random streams.
///
/// MXNet 1.x has no 0-d arrays: creation from a scalar and full reductions give shape (1,).
/// Most functions forward to the shared tensor methods (which keep the `.ndarray` flavor),
/// translating MXNet's keyword names (`axis`, `keepdims`).
extension Interpreter {
    func fillND(_ m: PyModule) {
        m.dict["NDArray"] = .object(ndarrayClass)
        m.dict["random"] = (try? importModule("mxnet.ndarray.random")) ?? Value.none
        m.def("array", signature: "array(source_array, ctx=None, dtype=None)") { i, a in
            let b = try i.bind("array", a, ["source_array", "ctx?", "dtype?"])
            let dt = try b.given("dtype").map { try i.mxDType($0) }
            return i.ndarray(try i.ndArrayFromData(b[0]!, dtype: dt))
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0), ("empty", 0.0)] {
            m.def(name, signature: "\(name)(shape, ctx=None, dtype=None)") { i, a in
                let b = try i.bind(name, a, ["shape", "ctx?", "dtype?", "stype?"])
                let dt = try b.given("dtype").map { try i.mxDType($0) } ?? .float32
                return i.ndarray(try Tensor.full(try i.toIntList(b[0]!, "shape"), .double(fill), dtype: dt))
            }
        }
        m.def("full", signature: "full(shape, val, ctx=None, dtype=None)") { i, a in
            let b = try i.bind("full", a, ["shape", "val", "ctx?", "dtype?"])
            let dt = try b.given("dtype").map { try i.mxDType($0) } ?? .float32
            return i.ndarray(try Tensor.full(try i.toIntList(b[0]!, "shape"), .double(try i.toDouble(b[1]!)), dtype: dt))
        }
        for (name, fill) in [("zeros_like", 0.0), ("ones_like", 1.0)] {
            m.def(name, signature: "\(name)(data)") { i, a in
                guard case .tensor(let t)? = try i.bind(name, a, ["data"])[0] else { throw i.typeError("\(name)() expects an NDArray") }
                return i.ndarray(try Tensor.full(t.shape, .double(fill), dtype: t.dtype))
            }
        }
        m.def("arange", signature: "arange(start, stop=None, step=1.0, repeat=1, ctx=None, dtype='float32')") { i, a in
            let b = try i.bind("arange", a, ["start", "stop?", "step?", "repeat?", "infer_range?", "ctx?", "dtype?"])
            var start = try i.toDouble(b[0]!)
            var stop = start
            if let s = b.given("stop") { stop = try i.toDouble(s) } else { start = 0 }
            let step = try b.given("step").map { try i.toDouble($0) } ?? 1
            let dt = try b.given("dtype").map { try i.mxDType($0) } ?? .float32
            if step == 0 { throw i.mxnetError("Invalid range: step must not be zero") }
            var t = try Tensor.arange(.double(start), .double(stop), .double(step), dtype: dt)
            if let r = try b.given("repeat").map({ try i.toInt($0) }), r > 1 {
                t = try i.repeatTensor(try t.unsqueeze(1), [1, r]).reshape([t.count &* r])
            }
            return i.ndarray(t)
        }
        m.def("dot", signature: "dot(lhs, rhs, transpose_a=False, transpose_b=False)") { i, a in
            let b = try i.bind("dot", a, ["lhs", "rhs", "transpose_a?", "transpose_b?"])
            guard case .tensor(var x) = b[0]!, case .tensor(var y) = b[1]! else { throw i.typeError("dot() expects two NDArrays") }
            if try i.boolArg(b, "transpose_a") { x = try x.reversedDims() }
            if try i.boolArg(b, "transpose_b") { y = try y.reversedDims() }
            return i.ndarray(try i.mxDot(x, y))
        }
        m.def("batch_dot", signature: "batch_dot(lhs, rhs, transpose_a=False, transpose_b=False)") { i, a in
            let b = try i.bind("batch_dot", a, ["lhs", "rhs", "transpose_a?", "transpose_b?"])
            guard case .tensor(var x) = b[0]!, case .tensor(var y) = b[1]! else { throw i.typeError("batch_dot() expects two NDArrays") }
            if try i.boolArg(b, "transpose_a") { x = try x.transpose(1, 2) }
            if try i.boolArg(b, "transpose_b") { y = try y.transpose(1, 2) }
            return i.ndarray(try Tensor.bmm(x, y))
        }
        m.def("concat", signature: "concat(*data, dim=1)") { i, a in
            let b = try i.bind("concat", a, ["*", "dim?", "num_args?"], varargs: true)
            let ts = try b.extraPositional.flatMap { try i.mxArrayList($0, "concat") }
            return i.ndarray(try Tensor.cat(ts, dim: try b.given("dim").map { try i.toInt($0) } ?? 1))
        }
        m.def("add_n", signature: "add_n(*args)") { i, a in
            let ts = try a.positional.flatMap { try i.mxArrayList($0, "add_n") }
            guard var total = ts.first else { throw i.mxnetError("add_n() needs at least one NDArray") }
            for t in ts.dropFirst() { total = try Tensor.add(.tensor(total), .tensor(t)) }
            return i.ndarray(total)
        }
        m.dict["ElementWiseSum"] = m.dict["add_n"]
        m.def("stack", signature: "stack(*data, axis=0)") { i, a in
            let b = try i.bind("stack", a, ["*", "axis?", "num_args?"], varargs: true)
            let ts = try b.extraPositional.flatMap { try i.mxArrayList($0, "stack") }
            return i.ndarray(try Tensor.stack(ts, dim: try b.given("axis").map { try i.toInt($0) } ?? 0))
        }
        m.def("flatten", signature: "flatten(data)") { i, a in
            guard case .tensor(let t)? = try i.bind("flatten", a, ["data"])[0] else { throw i.typeError("flatten() expects an NDArray") }
            return i.ndarray(try i.mxFlatten(t))
        }
        m.def("reshape", signature: "reshape(data, shape)") { i, a in
            let b = try i.bind("reshape", a, ["data", "shape"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("reshape() expects an NDArray") }
            return i.ndarray(try t.reshape(try i.toIntList(b[1]!, "shape")))
        }
        m.def("transpose", signature: "transpose(data, axes=None)") { i, a in
            let b = try i.bind("transpose", a, ["data", "axes?"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("transpose() expects an NDArray") }
            if let axes = b.given("axes") { return i.ndarray(try t.permute(try i.toIntList(axes, "axes"))) }
            return i.ndarray(try t.reversedDims())
        }
        m.def("clip", signature: "clip(data, a_min, a_max)") { i, a in
            let b = try i.bind("clip", a, ["data", "a_min", "a_max"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("clip() expects an NDArray") }
            return i.ndarray(try i.clampTensor(t, b[1]!, b[2]!))
        }
        m.def("where", signature: "where(condition, x, y)") { i, a in
            let b = try i.bind("where", a, ["condition", "x", "y"])
            guard case .tensor(let c) = b[0]! else { throw i.typeError("where() expects an NDArray condition") }
            let mask = try Tensor.compare(.ne, .tensor(c), .scalar(.int(0)))
            let x = try i.operand(b[1]!, "where() expects NDArrays"), y = try i.operand(b[2]!, "where() expects NDArrays")
            return i.ndarray(try Tensor.where(mask, x, y))
        }
        m.def("norm", signature: "norm(data, ord=2, axis=None, keepdims=False)") { i, a in
            let b = try i.bind("norm", a, ["data", "ord?", "axis?", "keepdims?"])
            guard case .tensor(let t) = b[0]! else { throw i.typeError("norm() expects an NDArray") }
            let r = try t.norm(p: try b.given("ord").map { try i.toDouble($0) } ?? 2, dims: try i.dimsArgument(b.given("axis")),
                               keepdim: try i.boolArg(b, "keepdims"))
            return i.ndarray(i.mxnetReduced(r, like: t))
        }
        m.def("waitall") { _, _ in .none }
        for name in ["save", "load"] {
            m.def(name) { i, _ in throw i.sandboxError("mxnet.nd.\(name)()") }
        }
        // Functions that are tensor methods with MXNet's argument names.
        let methods: [(String, String, [String])] = [
            ("exp", "exp", []), ("log", "log", []), ("sqrt", "sqrt", []), ("abs", "abs", []), ("sign", "sign", []),
            ("square", "square", []), ("relu", "relu", []), ("sigmoid", "sigmoid", []), ("tanh", "tanh", []),
            ("floor", "floor", []), ("ceil", "ceil", []), ("round", "round", []), ("sin", "sin", []), ("cos", "cos", []),
            ("negative", "neg", []), ("reciprocal", "reciprocal", []),
            ("sum", "sum", ["axis?", "keepdims?"]), ("mean", "mean", ["axis?", "keepdims?"]),
            ("max", "max", ["axis?", "keepdims?"]), ("min", "min", ["axis?", "keepdims?"]),
            ("argmax", "argmax", ["axis?", "keepdims?"]), ("argmin", "argmin", ["axis?", "keepdims?"]),
            ("softmax", "softmax", ["axis?"]), ("log_softmax", "log_softmax", ["axis?"]),
            ("expand_dims", "unsqueeze", ["axis"]),
        ]
        for (name, method, params) in methods {
            m.def(name, signature: "\(name)(data\(params.map { ", " + ($0.hasSuffix("?") ? String($0.dropLast()) + "=None" : $0) }.joined()))") { i, a in
                let b = try i.bind(name, a, ["data"] + params)
                var kwargs: [(String, Value)] = []
                if let axis = b.given("axis") { kwargs.append((method.hasSuffix("softmax") || method == "unsqueeze" ? "dim" : "axis", axis)) }
                if let k = b.given("keepdims") { kwargs.append(("keepdim", k)) }
                if method.hasSuffix("softmax"), b.given("axis") == nil { kwargs.append(("dim", .int(-1))) }
                let r = try i.callMethod(b[0]!, method, [], kwargs)
                if case .tensor(let t) = r { return i.ndarray(t) }
                return r
            }
        }
        let binaries: [(String, Language.BinaryOp)] = [("add", .add), ("subtract", .sub), ("multiply", .mul), ("divide", .div),
                                                       ("power", .pow), ("modulo", .mod)]
        for (name, op) in binaries {
            m.def(name, signature: "\(name)(lhs, rhs)") { i, a in
                let b = try i.bind(name, a, ["lhs", "rhs"])
                return try i.mxWrapped(try i.binary(op, b[0]!, b[1]!))
            }
        }
        for (name, op) in [("maximum", Tensors.BinaryOp.maximum), ("minimum", .minimum)] {
            m.def(name, signature: "\(name)(lhs, rhs)") { i, a in
                let b = try i.bind(name, a, ["lhs", "rhs"])
                let x = try i.operand(b[0]!, "\(name)() expects NDArrays or numbers")
                let y = try i.operand(b[1]!, "\(name)() expects NDArrays or numbers")
                return i.ndarray(try Tensor.binary(op, x, y))
            }
        }
        for (name, op) in [("equal", CompareOp.eq), ("not_equal", .ne), ("greater", .gt), ("greater_equal", .ge),
                           ("lesser", .lt), ("lesser_equal", .le)] {
            m.def(name, signature: "\(name)(lhs, rhs)") { i, a in
                let b = try i.bind(name, a, ["lhs", "rhs"])
                return try i.mxWrapped(try i.tensorCompare(op, b[0]!, b[1]!))
            }
        }
    }

    /// `mx.random` / `nd.random`: MXNet's generator bank, bit for bit (rng.md §3).
    func fillMXRandom(_ m: PyModule) {
        m.def("seed", signature: "seed(seed_state, ctx='all')") { i, a in
            let b = try i.bind("seed", a, ["seed_state", "ctx?"])
            guard case .int(let s) = b[0]! else {
                throw i.valueError("sd must be int")
            }
            let cpuContext = b.given("ctx").map { v -> Bool in if case .str = v { return false } else { return true } } ?? false
            i.mxnet.generator.seed(s, cpuContext: cpuContext)
            return .none
        }
        m.def("uniform", signature: "uniform(low=0, high=1, shape=None, dtype=None, ctx=None, out=None)") { i, a in
            let b = try i.bind("uniform", a, ["low?", "high?", "shape?", "dtype?", "ctx?", "out?"])
            let low = try b.given("low").map { try i.toDouble($0) } ?? 0
            let high = try b.given("high").map { try i.toDouble($0) } ?? 1
            let t = try i.mxRandomTarget(b)
            try i.mxFillUniform(t, low: low, high: high)
            return i.ndarray(t)
        }
        m.def("normal", signature: "normal(loc=0, scale=1, shape=None, dtype=None, ctx=None, out=None)") { i, a in
            let b = try i.bind("normal", a, ["loc?", "scale?", "shape?", "dtype?", "ctx?", "out?"])
            let loc = try b.given("loc").map { try i.toDouble($0) } ?? 0
            let scale = try b.given("scale").map { try i.toDouble($0) } ?? 1
            let t = try i.mxRandomTarget(b)
            try i.mxFillNormal(t, loc: loc, scale: scale)
            return i.ndarray(t)
        }
        m.def("randn", signature: "randn(*shape, loc=0, scale=1, dtype=None, ctx=None)") { i, a in
            let b = try i.bind("randn", a, ["*", "loc?", "scale?", "dtype?", "ctx?"], varargs: true)
            let shape = try b.extraPositional.map { try i.toInt($0, "shape") }
            let dt = try b.given("dtype").map { try i.mxDType($0) } ?? .float32
            let t = try Tensor.zeros(shape.isEmpty ? [1] : shape, dtype: dt)
            try i.mxFillNormal(t, loc: try b.given("loc").map { try i.toDouble($0) } ?? 0,
                               scale: try b.given("scale").map { try i.toDouble($0) } ?? 1)
            return i.ndarray(t)
        }
    }

    // MARK: - Helpers

    /// `mxnet.ndarray.NDArray`: the class of `.ndarray` tensors (sharing torch.Tensor's methods).
    var ndarrayClass: PyClass {
        if let c = builtinTypes["mxnet.ndarray.NDArray"] { return c }
        let c = PyClass(name: "NDArray", bases: [tensorClass], module: "mxnet.ndarray.ndarray")
        c.nativeConstructor = { i, _, a in
            guard let data = a.positional.first else { throw i.typeError("NDArray() expects data") }
            return i.ndarray(try i.ndArrayFromData(data, dtype: nil))
        }
        builtinTypes["mxnet.ndarray.NDArray"] = c
        return c
    }

    /// An MXNet dtype argument: `'float32'`, `numpy.float32` as shown by `x.dtype`, `float`.
    func mxDType(_ v: Value) throws -> DType {
        if case .str(let s) = v, s == "float16" || s == "bfloat16" {
            throw notImplemented("float16 arrays are not supported in cnb")
        }
        return try dtypeArgument(v)
    }

    /// `nd.array(data)`: nested lists of numbers (float32 unless `dtype` says otherwise), another
    /// NDArray (copied, keeping its dtype), or a number (shape (1,)).
    func ndArrayFromData(_ v: Value, dtype: DType?) throws -> Tensor {
        switch v {
        case .tensor(let t):
            let c = try GradMode.withDisabled { try t.detach().to(dtype ?? t.dtype).clone() }
            return c
        case .int, .float, .bool:
            return try tensorFromData(.object(PyList([v])), dtype: dtype ?? .float32)
        default:
            return try tensorFromData(v, dtype: dtype ?? .float32)
        }
    }

    /// Marks a tensor result as an NDArray (other values pass through).
    func mxWrapped(_ v: Value) throws -> Value {
        if case .tensor(let t) = v { return ndarray(t) }
        return v
    }

    /// MXNet's `dot`: the last axis of `x` against the first axis of `y` (1-D · 1-D gives shape (1,)).
    func mxDot(_ x: Tensor, _ y: Tensor) throws -> Tensor {
        if x.rank == 0 || y.rank == 0 { return try Tensor.mul(.tensor(x), .tensor(y)) }
        if x.rank <= 2 && y.rank <= 2 {
            let r = try Tensor.matmul(x, y)
            return r.rank == 0 ? try r.reshape([1]) : r
        }
        let k = x.shape[x.rank - 1]
        guard y.shape[0] == k else {
            throw mxnetError("dot: shape mismatch, lhs \(shapeTupleText(x.shape)) and rhs \(shapeTupleText(y.shape))")
        }
        let lhs = try x.reshape([-1, k])
        let rhs = try y.reshape([k, -1])
        return try Tensor.matmul(lhs, rhs).reshape(Array(x.shape.dropLast()) + Array(y.shape.dropFirst()))
    }

    /// MXNet's `flatten`: keeps the first axis and collapses the rest, (N, ...) → (N, -1).
    func mxFlatten(_ t: Tensor) throws -> Tensor {
        if t.rank == 0 { return try t.reshape([1, 1]) }
        if t.rank == 1 { return try t.reshape([t.shape[0], 1]) }
        return try t.reshape([t.shape[0], t.shape.dropFirst().reduce(1, *)])
    }

    /// A shape as Python prints a tuple: `(1,)`, `(2, 3)`.
    func shapeTupleText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    private func mxRandomTarget(_ b: BoundArguments) throws -> Tensor {
        if case .tensor(let out)? = b.given("out") { return out }
        let shape = try b.given("shape").map { try toIntList($0, "shape") } ?? [1]
        let dt = try b.given("dtype").map { try mxDType($0) } ?? .float32
        return try Tensor.zeros(shape.isEmpty ? [1] : shape, dtype: dt)
    }

    /// Fills `t` from the session's bank like `nd.random.uniform(low, high, out=t)`.
    func mxFillUniform(_ t: Tensor, low: Double, high: Double) throws {
        let gen = mxnet.generator
        try mxFillFloat32(t) { gen.uniform($0, low: low, high: high) }
    }

    /// Fills `t` from the session's bank like `nd.random.normal(loc, scale, out=t)`.
    func mxFillNormal(_ t: Tensor, loc: Double, scale: Double) throws {
        let gen = mxnet.generator
        try mxFillFloat32(t) { gen.normal($0, loc: loc, scale: scale) }
    }

    /// One generator call over the array's elements in row-major order (float32 only: MXNet's
    /// float64 streams are not reproduced).
    private func mxFillFloat32(_ t: Tensor, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) throws {
        guard t.dtype == .float32 else {
            throw notImplemented("cnb reproduces MXNet's random streams for float32 arrays only (got \(t.dtype.name))")
        }
        let target = t.isContiguous ? t : try Tensor.zeros(t.shape, dtype: .float32)
        target.withUnsafeMutableBufferPointer(as: Float.self) { fill($0) }
        if target !== t { try GradMode.withDisabled { _ = try t.detach().copy_(target) } }
    }
}
