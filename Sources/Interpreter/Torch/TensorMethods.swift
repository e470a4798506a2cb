import Language
import Tensors

/// Methods of `torch.Tensor` (and MXNet's NDArray, which shares the tensor type).
/// Each receives the tensor as its first positional argument.
nonisolated(unsafe) let tensorMethodTable: [String: PyBuiltinFunction] = tensorMethodTables.functions
/// The same methods' bodies, called directly by `callMethod` with the receiver apart (no argument
/// array with the receiver prepended and then dropped again on each call).
nonisolated(unsafe) let tensorMethodBodies: [String: TensorMethod] = tensorMethodTables.bodies
nonisolated(unsafe) private let tensorMethodTables = makeTensorMethods()

typealias TensorMethod = (Interpreter, Tensor, Arguments) throws -> Value

private func makeTensorMethods() -> (functions: [String: PyBuiltinFunction], bodies: [String: TensorMethod]) {
    var table: [String: PyBuiltinFunction] = [:]
    var bodies: [String: TensorMethod] = [:]
    func def(_ names: String..., body: @escaping TensorMethod) {
        for name in names {
            bodies[name] = body
            table[name] = PyBuiltinFunction(name, qualified: "Tensor.\(name)") { i, a in
                guard case .tensor(let t)? = a.positional.first else {
                    throw i.typeError("descriptor '\(name)' requires a 'torch._C.TensorBase' object")
                }
                return try body(i, t, Arguments(Array(a.positional.dropFirst()), a.keywords))
            }
        }
    }
    // Shape and metadata
    def("size") { i, t, a in
        let b = try i.bind("size", a, ["dim?"])
        if let d = b.given("dim") { return .int(try t.size(try i.toInt(d, "dim"))) }
        return i.sizeValue(t.shape)
    }
    def("dim", "ndimension") { _, t, _ in .int(t.rank) }
    def("numel", "nelement") { _, t, _ in .int(t.count) }
    def("element_size") { _, t, _ in .int(t.dtype.itemSize) }
    def("stride") { i, t, a in
        let b = try i.bind("stride", a, ["dim?"])
        if let d = b.given("dim") { return .int(try t.stride(try i.toInt(d, "dim"))) }
        return .object(PyTuple(t.strides.map { .int($0) }))
    }
    def("storage_offset") { _, t, _ in .int(t.storageOffset) }
    def("is_contiguous") { _, t, _ in .bool(t.isContiguous) }
    def("is_floating_point") { _, t, _ in .bool(t.dtype.isFloatingPoint) }
    def("data_ptr") { i, t, _ in .int(Int(i.fakeAddress(t.storage), radix: 16) ?? 0) }
    def("item") { i, t, _ in
        if t.count != 1 {
            throw i.runtimeError("a Tensor with \(t.count) elements cannot be converted to Scalar")
        }
        return i.scalarValue(try t.item())
    }
    def("tolist") { i, t, _ in i.nestedList(t) }
    def("numpy", "asnumpy") { i, t, _ in
        if t.flavor == .ndarray { return .tensor(t) }
        throw i.notImplemented("numpy is not available in cnb; print the tensor or use .tolist()")
    }
    def("asscalar") { i, t, _ in
        guard t.count == 1 else { throw i.valueError("The current array is not a scalar") }
        return i.scalarValue(try t.item())
    }
    def("cpu", "as_in_context", "as_nd_ndarray") { _, t, _ in .tensor(t) }
    def("cuda") { i, _, _ in throw i.makeError("AssertionError", "Torch not compiled with CUDA enabled") }
    def("type") { i, t, a in
        let b = try i.bind("type", a, ["dtype?"])
        guard let d = b.given("dtype") else { return .str(t.dtype.legacyTypeName) }
        return i.wrap(try t.to(try i.dtypeArgument(d)), like: t)
    }
    // Conversions
    for (name, dt) in [("float", DType.float32), ("double", .float64), ("int", .int32), ("long", .int64),
                       ("bool", .bool), ("byte", .uint8), ("short", .int16), ("char", .int8)] {
        def(name) { i, t, _ in i.wrap(try t.to(dt), like: t) }
    }
    def("half", "bfloat16") { i, _, _ in throw i.notImplemented("float16 tensors are not supported in cnb") }
    def("to") { i, t, a in
        let b = try i.bind("to", a, ["arg?", "dtype?", "non_blocking?", "copy?"], varargs: true)
        var target: DType?
        if let x = b.given("dtype") { target = try i.dtypeArgument(x) }
        for x in [b["arg"]].compactMap({ $0 }) + b.extraPositional {
            switch x {
            case .object(let d as DTypeObject): target = d.dtype
            case .tensor(let other): target = other.dtype
            case .str, .object(is DeviceObject): break
            default: break
            }
        }
        guard let target else { return .tensor(t) }
        return i.wrap(try t.to(target), like: t)
    }
    def("type_as") { i, t, a in
        guard case .tensor(let o)? = try i.bind("type_as", a, ["other"])[0] else { throw i.typeError("type_as() expects a tensor") }
        return i.wrap(try t.to(o.dtype), like: t)
    }
    def("astype") { i, t, a in
        let d = try i.bind("astype", a, ["dtype"])[0]!
        return i.wrap(try t.to(try i.dtypeArgument(d)), like: t)
    }
    // Views and copies
    def("reshape") { i, t, a in i.wrap(try t.reshape(try i.shapeArguments(a, "reshape")), like: t) }
    def("view") { i, t, a in
        if a.positional.count == 1, case .object(let d as DTypeObject) = a.positional[0] {
            if d.dtype == t.dtype { return .tensor(t) }
            throw i.notImplemented("view(dtype) is not supported in cnb")
        }
        return i.wrap(try t.view(try i.shapeArguments(a, "view")), like: t)
    }
    def("view_as") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("view_as() expects a tensor") }
        return i.wrap(try t.view(o.shape), like: t)
    }
    def("reshape_as") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("reshape_as() expects a tensor") }
        return i.wrap(try t.reshape(o.shape), like: t)
    }
    def("flatten") { i, t, a in
        let b = try i.bind("flatten", a, ["start_dim?", "end_dim?"])
        return i.wrap(try t.flatten(startDim: try b.given("start_dim").map { try i.toInt($0) } ?? 0,
                                    endDim: try b.given("end_dim").map { try i.toInt($0) } ?? -1), like: t)
    }
    def("unflatten") { i, t, a in
        let b = try i.bind("unflatten", a, ["dim", "sizes"])
        return i.wrap(try t.unflatten(try i.toInt(b[0]!), try i.toIntList(b[1]!)), like: t)
    }
    def("squeeze") { i, t, a in
        let b = try i.bind("squeeze", a, ["dim?"])
        return i.wrap(try t.squeeze(try b.given("dim").map { try i.toInt($0, "dim") }), like: t)
    }
    def("unsqueeze", "expand_dims") { i, t, a in
        let b = try i.bind("unsqueeze", a, ["dim"])
        return i.wrap(try t.unsqueeze(try i.toInt(b[0]!, "dim")), like: t)
    }
    def("permute") { i, t, a in i.wrap(try t.permute(try i.shapeArguments(a, "permute", name: "dims")), like: t) }
    def("transpose", "swapaxes") { i, t, a in
        if t.flavor == .ndarray, a.positional.isEmpty { return i.wrap(try t.reversedDims(), like: t) }
        let b = try i.bind("transpose", a, ["dim0", "dim1"])
        return i.wrap(try t.transpose(try i.toInt(b[0]!), try i.toInt(b[1]!)), like: t)
    }
    def("t") { i, t, _ in i.wrap(try t.t(), like: t) }
    def("contiguous") { i, t, _ in i.wrap(try t.contiguous(), like: t) }
    def("clone", "copy") { i, t, _ in i.wrap(try t.clone(), like: t) }
    def("detach") { i, t, _ in i.wrap(t.detach(), like: t) }
    def("expand") { i, t, a in i.wrap(try t.expand(try i.shapeArguments(a, "expand")), like: t) }
    def("as_strided") { i, t, a in
        let b = try i.bind("as_strided", a, ["size", "stride", "storage_offset?"])
        let offset = try b["storage_offset"].map { try i.toInt($0) }
        return i.wrap(try t.asStrided(try i.toIntList(b[0]!, "size"), try i.toIntList(b[1]!, "stride"),
                                      offset: offset), like: t)
    }
    def("expand_as", "broadcast_like") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("expand_as() expects a tensor") }
        return i.wrap(try t.expand(o.shape), like: t)
    }
    def("repeat", "tile") { i, t, a in i.wrap(try i.repeatTensor(t, try i.shapeArguments(a, "repeat")), like: t) }
    def("select") { i, t, a in
        let b = try i.bind("select", a, ["dim", "index"])
        return i.wrap(try t.select(try i.toInt(b[0]!), try i.toInt(b[1]!)), like: t)
    }
    def("narrow") { i, t, a in
        let b = try i.bind("narrow", a, ["dim", "start", "length"])
        return i.wrap(try t.narrow(try i.toInt(b[0]!), try i.toInt(b[1]!), try i.toInt(b[2]!)), like: t)
    }
    def("split") { i, t, a in
        let b = try i.bind("split", a, ["split_size_or_sections", "dim?"])
        let dim = try b.given("dim").map { try i.toInt($0) } ?? 0
        let parts: [Tensor]
        if case .int(let n) = b[0]! { parts = try t.split(n, dim: dim) } else { parts = try t.split(sizes: try i.toIntList(b[0]!), dim: dim) }
        return .object(PyTuple(parts.map { i.wrap($0, like: t) }))
    }
    def("chunk") { i, t, a in
        let b = try i.bind("chunk", a, ["chunks", "dim?"])
        let parts = try t.chunk(try i.toInt(b[0]!), dim: try b.given("dim").map { try i.toInt($0) } ?? 0)
        return .object(PyTuple(parts.map { i.wrap($0, like: t) }))
    }
    def("unbind") { i, t, a in
        let b = try i.bind("unbind", a, ["dim?"])
        return .object(PyTuple(try t.unbind(try b.given("dim").map { try i.toInt($0) } ?? 0).map { i.wrap($0, like: t) }))
    }
    def("flip") { i, t, a in
        var r = t
        for d in try i.shapeArguments(a, "flip", name: "dims") { r = try r.flip(d) }
        return i.wrap(r, like: t)
    }
    // Autograd
    def("requires_grad_") { i, t, a in
        let b = try i.bind("requires_grad_", a, ["requires_grad?"])
        return .tensor(try t.requiresGrad_(try b.given("requires_grad").map { try i.truthy($0) } ?? true))
    }
    def("retain_grad") { _, t, _ in
        try t.retainGrad()
        return .none
    }
    def("backward") { i, t, a in
        let b = try i.bind("backward", a, ["gradient?", "retain_graph?", "create_graph?", "inputs?"])
        var gradient: Tensor?
        if let g = b.given("gradient") {
            guard case .tensor(let gt) = g else { throw i.typeError("gradient must be a Tensor") }
            gradient = gt
        }
        if t.flavor == .ndarray {
            try i.mxnetBackward(t, gradient: gradient)
            return .none
        }
        try t.backward(gradient: gradient, retainGraph: try b.given("retain_graph").map { try i.truthy($0) } ?? false)
        return .none
    }
    def("attach_grad") { i, t, _ in
        try i.mxnetAttachGrad(t)
        return .none
    }
    // In-place
    def("zero_") { _, t, _ in .tensor(try t.zero_()) }
    def("fill_") { i, t, a in
        let v = try i.bind("fill_", a, ["value"])[0]!
        if case .tensor(let vt) = v { return .tensor(try t.fill_(try vt.item())) }
        guard let s = i.scalar(v) else { throw i.typeError("fill_() received an invalid value of type \(i.typeName(v))") }
        return .tensor(try t.fill_(s))
    }
    def("copy_") { i, t, a in
        guard case .tensor(let src)? = try i.bind("copy_", a, ["src", "non_blocking?"])[0] else {
            throw i.typeError("copy_(): argument 'src' must be Tensor")
        }
        return .tensor(try t.copy_(src))
    }
    def("uniform_") { i, t, a in
        let b = try i.bind("uniform_", a, ["from?", "to?", "generator?"])
        try i.fillUniform(t, from: try b.given("from").map { try i.toDouble($0) } ?? 0, to: try b.given("to").map { try i.toDouble($0) } ?? 1)
        return .tensor(t)
    }
    def("normal_") { i, t, a in
        let b = try i.bind("normal_", a, ["mean?", "std?", "generator?"])
        try i.fillNormal(t, mean: try b.given("mean").map { try i.toDouble($0) } ?? 0, std: try b.given("std").map { try i.toDouble($0) } ?? 1)
        return .tensor(t)
    }
    def("masked_fill_") { i, t, a in
        let b = try i.bind("masked_fill_", a, ["mask", "value"])
        guard case .tensor(let m) = b[0]!, let v = i.scalar(b[1]!) ?? (try? i.tensorItem(b[1]!)) else { throw i.typeError("masked_fill_() expects (Tensor mask, Number value)") }
        return .tensor(try t.maskedFill_(m, v))
    }
    def("masked_fill") { i, t, a in
        let b = try i.bind("masked_fill", a, ["mask", "value"])
        guard case .tensor(let m) = b[0]!, let v = i.scalar(b[1]!) ?? (try? i.tensorItem(b[1]!)) else { throw i.typeError("masked_fill() expects (Tensor mask, Number value)") }
        return i.wrap(try t.maskedFill(m, v), like: t)
    }
    // Elementwise binary (method forms)
    let binaries: [(String, Language.BinaryOp)] = [("add", .add), ("sub", .sub), ("subtract", .sub), ("mul", .mul), ("multiply", .mul),
                                                   ("div", .div), ("divide", .div), ("true_divide", .div),
                                                   ("floor_divide", .floorDiv), ("remainder", .mod), ("pow", .pow),
                                                   ("matmul", .matMul), ("__matmul__", .matMul)]
    for (name, op) in binaries {
        def(name) { i, t, a in
            let b = try i.bind(name, a, ["other", "*", "alpha?", "rounding_mode?"])
            var other = b[0]!
            if let alpha = b.given("alpha") { other = try i.binary(.mul, other, alpha) }
            if op == .div, let mode = b.given("rounding_mode") {
                let y = try i.operand(other, "div(): argument 'other' must be Tensor or Number")
                return i.wrap(try Tensor.div(.tensor(t), y, roundingMode: try i.toStr(mode)), like: t)
            }
            return try i.tensorBinary(op, .tensor(t), other)
        }
    }
    let inplaces: [(String, Language.BinaryOp)] = [("add_", .add), ("sub_", .sub), ("mul_", .mul), ("div_", .div), ("pow_", .pow)]
    for (name, op) in inplaces {
        def(name) { i, t, a in
            let b = try i.bind(name, a, ["other", "*", "alpha?"])
            var other = b[0]!
            if let alpha = b.given("alpha") { other = try i.binary(.mul, other, alpha) }
            return try i.tensorInplace(op, t, other)
        }
    }
    for (name, op) in [("eq", CompareOp.eq), ("ne", .ne), ("lt", .lt), ("le", .le), ("gt", .gt), ("ge", .ge),
                       ("greater", .gt), ("less", .lt), ("greater_equal", .ge), ("less_equal", .le), ("not_equal", .ne)] {
        def(name) { i, t, a in try i.tensorCompare(op, .tensor(t), try i.bind(name, a, ["other"])[0]!) }
    }
    for (name, op) in [("maximum", Tensors.BinaryOp.maximum), ("minimum", .minimum), ("logical_and", .logicalAnd),
                       ("logical_or", .logicalOr), ("logical_xor", .logicalXor), ("bitwise_and", .bitwiseAnd),
                       ("bitwise_or", .bitwiseOr), ("bitwise_xor", .bitwiseXor), ("fmod", .truncDivide)] {
        if name == "fmod" { continue }
        def(name) { i, t, a in
            let y = try i.operand(try i.bind(name, a, ["other"])[0]!, "\(name)(): argument 'other' must be Tensor")
            return i.wrap(try Tensor.binary(op, .tensor(t), y), like: t)
        }
    }
    def("equal") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("equal(): argument 'other' must be Tensor") }
        return .bool(try Tensor.equal(t, o))
    }
    def("allclose") { i, t, a in
        let b = try i.bind("allclose", a, ["other", "rtol?", "atol?", "equal_nan?"])
        guard case .tensor(let o) = b[0]! else { throw i.typeError("allclose(): argument 'other' must be Tensor") }
        return .bool(try Tensor.allclose(t, o, rtol: try b.given("rtol").map { try i.toDouble($0) } ?? 1e-5,
                                         atol: try b.given("atol").map { try i.toDouble($0) } ?? 1e-8,
                                         equalNan: try b.given("equal_nan").map { try i.truthy($0) } ?? false))
    }
    // Elementwise unary
    let unaries: [(String, Tensors.UnaryOp)] = [("neg", .neg), ("negative", .neg), ("abs", .abs), ("absolute", .abs), ("exp", .exp), ("log", .log),
                                                ("log2", .log2), ("log10", .log10), ("log1p", .log1p), ("expm1", .expm1),
                                                ("sqrt", .sqrt), ("rsqrt", .rsqrt), ("sin", .sin), ("cos", .cos), ("tan", .tan),
                                                ("tanh", .tanh), ("sigmoid", .sigmoid), ("relu", .relu), ("sign", .sign),
                                                ("floor", .floor), ("ceil", .ceil), ("trunc", .trunc), ("frac", .frac),
                                                ("reciprocal", .reciprocal), ("square", .square), ("logical_not", .logicalNot),
                                                ("bitwise_not", .bitwiseNot)]
    for (name, op) in unaries {
        def(name) { i, t, _ in i.wrap(try t.unary(op), like: t) }
        def(name + "_") { _, t, _ in .tensor(try t.unaryInPlace(op)) }
    }
    def("round") { i, t, a in
        let b = try i.bind("round", a, ["*", "decimals?"])
        if let d = try b.given("decimals").map({ try i.toInt($0) }), d != 0 {
            let scale = Foundation_pow10(d)
            let scaled = try Tensor.mul(.tensor(t), .scalar(.double(scale)))
            return i.wrap(try Tensor.div(.tensor(try scaled.unary(.round)), .scalar(.double(scale))), like: t)
        }
        return i.wrap(try t.unary(.round), like: t)
    }
    def("clamp", "clip") { i, t, a in
        let b = try i.bind("clamp", a, ["min?", "max?"])
        return i.wrap(try i.clampTensor(t, b.given("min"), b.given("max")), like: t)
    }
    def("clamp_", "clip_") { i, t, a in
        let b = try i.bind("clamp_", a, ["min?", "max?"])
        let lo = try b.given("min").map { try i.scalarArgument($0) }
        let hi = try b.given("max").map { try i.scalarArgument($0) }
        return .tensor(try t.clamp_(min: lo, max: hi))
    }
    def("softmax") { i, t, a in
        let b = try i.bind("softmax", a, ["dim"])
        return i.wrap(try i.softmax(t, dim: try i.toInt(b[0]!), log: false), like: t)
    }
    def("log_softmax") { i, t, a in
        let b = try i.bind("log_softmax", a, ["dim"])
        return i.wrap(try i.softmax(t, dim: try i.toInt(b[0]!), log: true), like: t)
    }
    // Reductions
    def("sum") { i, t, a in
        let b = try i.bind("sum", a, ["dim?", "keepdim?", "*", "dtype?", "axis?"])
        let r = try t.sum(dims: try i.dimsArgument(b.given("dim") ?? b.given("axis")), keepdim: try i.boolArg(b, "keepdim"),
                          dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
        return i.wrap(i.mxnetReduced(r, like: t), like: t)
    }
    def("mean") { i, t, a in
        let b = try i.bind("mean", a, ["dim?", "keepdim?", "*", "dtype?", "axis?"])
        let r = try t.mean(dims: try i.dimsArgument(b.given("dim") ?? b.given("axis")), keepdim: try i.boolArg(b, "keepdim"),
                           dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
        return i.wrap(i.mxnetReduced(r, like: t), like: t)
    }
    def("prod") { i, t, a in
        let b = try i.bind("prod", a, ["dim?", "keepdim?", "*", "dtype?"])
        let r = try t.prod(dim: try b.given("dim").map { try i.toInt($0) }, keepdim: try i.boolArg(b, "keepdim"),
                           dtype: try b.given("dtype").map { try i.dtypeArgument($0) })
        return i.wrap(i.mxnetReduced(r, like: t), like: t)
    }
    for (name, isMax) in [("max", true), ("min", false)] {
        def(name) { i, t, a in
            let b = try i.bind(name, a, ["dim?", "keepdim?", "axis?"])
            if let other = b["dim"], case .tensor(let o) = other {
                return i.wrap(try Tensor.binary(isMax ? .maximum : .minimum, .tensor(t), .tensor(o)), like: t)
            }
            if let d = b.given("dim") ?? b.given("axis") {
                let r = isMax ? try t.max(dim: try i.toInt(d, "dim"), keepdim: try i.boolArg(b, "keepdim"))
                              : try t.min(dim: try i.toInt(d, "dim"), keepdim: try i.boolArg(b, "keepdim"))
                if t.flavor == .ndarray { return i.wrap(r.values, like: t) }
                return .object(PyTuple(named: "torch.return_types.\(name)", fields: ["values", "indices"],
                                       [.tensor(r.values), .tensor(r.indices)]))
            }
            return i.wrap(i.mxnetReduced(isMax ? try t.max() : try t.min(), like: t), like: t)
        }
    }
    def("amax") { i, t, a in
        let b = try i.bind("amax", a, ["dim?", "keepdim?"])
        return i.wrap(try t.amax(dims: try i.dimsArgument(b.given("dim")), keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("amin") { i, t, a in
        let b = try i.bind("amin", a, ["dim?", "keepdim?"])
        return i.wrap(try t.amin(dims: try i.dimsArgument(b.given("dim")), keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("argmax") { i, t, a in
        let b = try i.bind("argmax", a, ["dim?", "keepdim?", "axis?"])
        return i.wrap(try t.argmax(dim: try (b.given("dim") ?? b.given("axis")).map { try i.toInt($0) }, keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("argmin") { i, t, a in
        let b = try i.bind("argmin", a, ["dim?", "keepdim?", "axis?"])
        return i.wrap(try t.argmin(dim: try (b.given("dim") ?? b.given("axis")).map { try i.toInt($0) }, keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    for (name, isStd) in [("std", true), ("var", false)] {
        def(name) { i, t, a in
            let b = try i.bind(name, a, ["dim?", "unbiased?", "keepdim?", "*", "correction?"])
            var dimArg = b.given("dim")
            var unbiased = b.given("unbiased")
            if case .bool? = dimArg {
                unbiased = dimArg
                dimArg = nil
            }
            var correction = 1.0
            if let u = unbiased { correction = try i.truthy(u) ? 1 : 0 }
            if let c = b.given("correction") { correction = try i.toDouble(c) }
            let dims = try i.dimsArgument(dimArg)
            let keep = try i.boolArg(b, "keepdim")
            return i.wrap(isStd ? try t.std(dims: dims, correction: correction, keepdim: keep)
                                : try t.variance(dims: dims, correction: correction, keepdim: keep), like: t)
        }
    }
    def("all") { i, t, a in
        let b = try i.bind("all", a, ["dim?", "keepdim?"])
        return i.wrap(try t.all(dims: try i.dimsArgument(b.given("dim")), keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("any") { i, t, a in
        let b = try i.bind("any", a, ["dim?", "keepdim?"])
        return i.wrap(try t.any(dims: try i.dimsArgument(b.given("dim")), keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("norm") { i, t, a in
        let b = try i.bind("norm", a, ["p?", "dim?", "keepdim?"])
        return i.wrap(try t.norm(p: try b.given("p").map { try i.toDouble($0) } ?? 2, dims: try i.dimsArgument(b.given("dim")),
                                 keepdim: try i.boolArg(b, "keepdim")), like: t)
    }
    def("cumsum") { i, t, a in
        let b = try i.bind("cumsum", a, ["dim", "*", "dtype?"])
        return i.wrap(try t.cumsum(try i.toInt(b[0]!), dtype: try b.given("dtype").map { try i.dtypeArgument($0) }), like: t)
    }
    def("sort") { i, t, a in
        let b = try i.bind("sort", a, ["dim?", "descending?"])
        let r = try t.sort(dim: try b.given("dim").map { try i.toInt($0) } ?? -1, descending: try i.boolArg(b, "descending"))
        return .object(PyTuple(named: "torch.return_types.sort", fields: ["values", "indices"], [.tensor(r.values), .tensor(r.indices)]))
    }
    def("argsort") { i, t, a in
        let b = try i.bind("argsort", a, ["dim?", "descending?"])
        return .tensor(try t.sort(dim: try b.given("dim").map { try i.toInt($0) } ?? -1, descending: try i.boolArg(b, "descending")).indices)
    }
    def("topk") { i, t, a in
        let b = try i.bind("topk", a, ["k", "dim?", "largest?", "sorted?"])
        let r = try t.topk(try i.toInt(b[0]!), dim: try b.given("dim").map { try i.toInt($0) } ?? -1,
                           largest: try b.given("largest").map { try i.truthy($0) } ?? true)
        return .object(PyTuple(named: "torch.return_types.topk", fields: ["values", "indices"], [.tensor(r.values), .tensor(r.indices)]))
    }
    def("nonzero") { _, t, _ in .tensor(try t.nonzero()) }
    // Linear algebra
    def("mm") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("mm(): argument 'mat2' must be Tensor") }
        return i.wrap(try Tensor.mm(t, o), like: t)
    }
    def("bmm") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("bmm(): argument 'mat2' must be Tensor") }
        return i.wrap(try Tensor.bmm(t, o), like: t)
    }
    def("mv") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("mv(): argument 'vec' must be Tensor") }
        return i.wrap(try Tensor.mv(t, o), like: t)
    }
    def("dot") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("dot(): argument 'tensor' must be Tensor") }
        if t.flavor == .ndarray { return i.wrap(try Tensor.matmul(t, o), like: t) }
        return i.wrap(try Tensor.dot(t, o), like: t)
    }
    def("outer") { i, t, a in
        guard case .tensor(let o)? = a.positional.first else { throw i.typeError("outer(): argument 'vec2' must be Tensor") }
        return i.wrap(try Tensor.outer(t, o), like: t)
    }
    def("where") { i, t, a in
        let b = try i.bind("where", a, ["condition", "other"])
        guard case .tensor(let c) = b[0]! else { throw i.typeError("where(): argument 'condition' must be Tensor") }
        return i.wrap(try Tensor.where(c, .tensor(t), try i.operand(b[1]!, "where(): argument 'other' must be Tensor")), like: t)
    }
    // Factories on an existing tensor
    for (name, fill) in [("new_zeros", 0.0), ("new_ones", 1.0)] {
        def(name) { i, t, a in
            let b = try i.bind(name, a, ["size", "*", "dtype?"])
            let dt = try b.given("dtype").map { try i.dtypeArgument($0) } ?? t.dtype
            return .tensor(try Tensor.full(try i.toIntList(b[0]!), .double(fill), dtype: dt))
        }
    }
    def("new_full") { i, t, a in
        let b = try i.bind("new_full", a, ["size", "fill_value", "*", "dtype?"])
        let dt = try b.given("dtype").map { try i.dtypeArgument($0) } ?? t.dtype
        return .tensor(try Tensor.full(try i.toIntList(b[0]!), try i.scalarArgument(b[1]!), dtype: dt))
    }
    def("new_tensor") { i, t, a in
        let b = try i.bind("new_tensor", a, ["data", "*", "dtype?"])
        return .tensor(try i.tensorFromData(b[0]!, dtype: try b.given("dtype").map { try i.dtypeArgument($0) } ?? t.dtype))
    }
    def("index_select") { i, t, a in
        let b = try i.bind("index_select", a, ["dim", "index"])
        guard case .tensor(let idx) = b[1]! else { throw i.typeError("index_select(): argument 'index' must be Tensor") }
        let d = try i.toInt(b[0]!)
        var items = [IndexItem](repeating: .slice(nil, nil, nil), count: max(0, d < 0 ? d + t.rank : d))
        items.append(.tensor(idx))
        return i.wrap(try t.index(items), like: t)
    }
    def("apply_", "map_") { i, _, _ in throw i.notImplemented("apply_ is not supported in cnb") }
    return (table, bodies)
}

/// 10^d as a Double.
func Foundation_pow10(_ d: Int) -> Double {
    var r = 1.0
    for _ in 0..<abs(d) { r *= 10 }
    return d < 0 ? 1 / r : r
}

extension Interpreter {
    func tensorMethod(_ name: String) -> PyBuiltinFunction? { tensorMethodTable[name] }

    /// `reshape(2, 3)`, `reshape((2, 3))`, `reshape([2, 3])`, `reshape(torch.Size(...))`, `reshape(shape=...)`.
    func shapeArguments(_ a: Arguments, _ fname: String, name: String = "shape") throws -> [Int] {
        if let kw = a.keywords.first(where: { $0.0 == name || $0.0 == "size" || $0.0 == "dims" }) {
            return try toIntList(kw.1, name)
        }
        if a.positional.count == 1 {
            switch a.positional[0] {
            case .object(let o) where o is PyTuple || o is PyList: return try toIntList(a.positional[0], name)
            default: break
            }
        }
        return try a.positional.map { v in
            guard let n = try intIndex(v) else {
                throw typeError("\(fname)(): argument '\(name)' (position 1) must be tuple of ints, but found element of type \(typeName(v)) at pos 0")
            }
            return n
        }
    }

    /// `dim=1` or `dim=(0, 1)`; nil means all dims.
    func dimsArgument(_ v: Value?) throws -> [Int]? {
        guard let v else { return nil }
        return try toIntList(v, "dim")
    }

    func boolArg(_ b: BoundArguments, _ name: String) throws -> Bool {
        try b.given(name).map { try truthy($0) } ?? false
    }

    func scalarArgument(_ v: Value) throws -> Scalar {
        if let s = scalar(v) { return s }
        if case .tensor(let t) = v, t.count == 1 { return try t.item() }
        throw typeError("expected a number, got \(typeName(v))")
    }

    func tensorItem(_ v: Value) throws -> Scalar {
        guard case .tensor(let t) = v, t.count == 1 else { throw typeError("expected a one-element tensor") }
        return try t.item()
    }

    /// `torch.float32`, `'float32'` (MXNet), `float`, `int`, `bool`.
    func dtypeArgument(_ v: Value) throws -> DType {
        switch v {
        case .object(let d as DTypeObject): return d.dtype
        case .object(let d as NumpyDTypeObject): return d.dtype
        case .str(let s):
            if let d = DType.allCases.first(where: { $0.name == s }) { return d }
            switch s {
            case "float": return .float32
            case "double": return .float64
            case "int", "long": return .int64
            default: throw typeError("invalid dtype '\(s)'")
            }
        case .object(let c as PyClass):
            switch c.name {
            case "float": return .float64
            case "int": return .int64
            case "bool": return .bool
            default: break
            }
        default: break
        }
        throw typeError("dtype must be torch.dtype, not \(typeName(v))")
    }

    func nestedList(_ t: Tensor) -> Value {
        let flat = t.toScalars()
        if t.rank == 0 { return scalarValue(flat[0]) }
        var pos = 0
        func build(_ d: Int) -> Value {
            if d == t.rank - 1 {
                let n = t.shape[d]
                defer { pos += n }
                return .object(PyList(flat[pos..<(pos + n)].map { scalarValue($0) }))
            }
            return .object(PyList((0..<t.shape[d]).map { _ in build(d + 1) }))
        }
        return build(0)
    }

    func clampTensor(_ t: Tensor, _ lo: Value?, _ hi: Value?) throws -> Tensor {
        if lo == nil && hi == nil { throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None") }
        var loT: Tensor?, hiT: Tensor?
        if case .tensor(let x)? = lo { loT = x }
        if case .tensor(let x)? = hi { hiT = x }
        if loT != nil || hiT != nil {
            if loT == nil, let lo { loT = try Tensor(scalar: try scalarArgument(lo)) }
            if hiT == nil, let hi { hiT = try Tensor(scalar: try scalarArgument(hi)) }
            return try t.clamp(min: loT, max: hiT)
        }
        return try t.clamp(min: try lo.map { try scalarArgument($0) }, max: try hi.map { try scalarArgument($0) })
    }

    func repeatTensor(_ t: Tensor, _ reps: [Int]) throws -> Tensor {
        guard reps.count >= t.rank else {
            throw runtimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        var src = t
        let lead = reps.count - t.rank
        for _ in 0..<lead { src = try src.unsqueeze(0) }
        // Interleave a broadcast dim before each dim, expand, then merge.
        var shape: [Int] = []
        var expanded: [Int] = []
        var x = src
        for (k, r) in reps.enumerated() {
            x = try x.unsqueeze(2 * k)
            shape.append(r)
            shape.append(src.shape[k])
            expanded.append(r * src.shape[k])
        }
        return try x.expand(shape).contiguous().reshape(expanded)
    }

    /// MXNet reductions return shape (1,) instead of 0-d.
    func mxnetReduced(_ r: Tensor, like t: Tensor) -> Tensor {
        if t.flavor == .ndarray, r.rank == 0, let v = try? r.reshape([1]) { return v }
        return r
    }
}
