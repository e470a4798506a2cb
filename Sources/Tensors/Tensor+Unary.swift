/// Unary elementwise operations.
public enum UnaryOp: Sendable {
    case neg, abs, exp, log, log2, log10, log1p, expm1, sqrt, rsqrt, sin, cos, tan, tanh, sigmoid, relu
    case sign, floor, ceil, round, trunc, frac, reciprocal, square, logicalNot, bitwiseNot

    /// Ops whose integer inputs produce the default float dtype.
    var promotesIntToFloat: Bool {
        switch self {
        case .exp, .log, .log2, .log10, .log1p, .expm1, .sqrt, .rsqrt, .sin, .cos, .tan, .tanh, .sigmoid, .reciprocal:
            true
        case .neg, .abs, .relu, .sign, .floor, .ceil, .round, .trunc, .frac, .square, .logicalNot, .bitwiseNot:
            false
        }
    }

    /// PyTorch's grad_fn name.
    var backwardName: String {
        switch self {
        case .neg: "NegBackward0"
        case .abs: "AbsBackward0"
        case .exp: "ExpBackward0"
        case .log: "LogBackward0"
        case .log2: "Log2Backward0"
        case .log10: "Log10Backward0"
        case .log1p: "Log1PBackward0"
        case .expm1: "Expm1Backward0"
        case .sqrt: "SqrtBackward0"
        case .rsqrt: "RsqrtBackward0"
        case .sin: "SinBackward0"
        case .cos: "CosBackward0"
        case .tan: "TanBackward0"
        case .tanh: "TanhBackward0"
        case .sigmoid: "SigmoidBackward0"
        case .relu: "ReluBackward0"
        case .sign: "SignBackward0"
        case .floor: "FloorBackward0"
        case .ceil: "CeilBackward0"
        case .round: "RoundBackward0"
        case .trunc: "TruncBackward0"
        case .frac: "FracBackward0"
        case .reciprocal: "ReciprocalBackward0"
        case .square: "PowBackward0"
        case .logicalNot: "LogicalNotBackward0"
        case .bitwiseNot: "BitwiseNotBackward0"
        }
    }
}

extension Tensor {
    /// Result dtype of a unary op, or PyTorch's error for unsupported inputs.
    static func unaryDType(_ op: UnaryOp, _ dt: DType) throws -> DType {
        if op.promotesIntToFloat { return dt.isFloatingPoint ? dt : .float32 }
        switch op {
        case .logicalNot: return .bool
        case .neg where dt == .bool:
            throw TensorError.notImplemented(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                    + "use the `~` or `logical_not()` operator instead.")
        case .abs where dt == .bool:
            throw TensorError.notImplemented("\"abs_cpu\" not implemented for 'Bool'")
        case .relu where dt == .bool:
            throw TensorError.notImplemented("Boolean inputs not supported for relu")
        case .floor where dt == .bool, .ceil where dt == .bool, .round where dt == .bool, .trunc where dt == .bool:
            throw TensorError.notImplemented("\"\(op)_vml_cpu\" not implemented for 'Bool'")
        case .frac where !dt.isFloatingPoint:
            throw TensorError.notImplemented("\"frac_cpu\" not implemented for '\(dt.scalarTypeName)'")
        case .bitwiseNot where dt.isFloatingPoint:
            throw TensorError.notImplemented("\"bitwise_not_cpu\" not implemented for '\(dt.scalarTypeName)'")
        case .square where dt == .bool:
            return .int64
        default:
            return dt
        }
    }

    /// The unary kernel without autograd.
    func unaryRaw(_ op: UnaryOp) throws -> Tensor {
        let outDT = try Tensor.unaryDType(op, dtype)
        if op == .square && dtype == .bool { return try to(.int64).unaryRaw(.square) }
        // Integer inputs of float-producing ops are converted first (PyTorch computes in float).
        let src = op.promotesIntToFloat && !dtype.isFloatingPoint ? try to(outDT).detachedAlias() : self
        let out: Tensor
        if src.isContiguous {
            out = try Tensor(allocatingValid: src.shape, strides: src.strides, count: src.count, dtype: outDT)
        } else {
            out = try Tensor(allocating: src.shape, dtype: outDT)
        }
        let k = ElementwiseKernel(out: out, a: src, b: nil)
        switch src.dtype {
        case .float32: Tensor.floatUnary(op, k, Float.self)
        case .float64: Tensor.floatUnary(op, k, Double.self)
        case .uint8: Tensor.intUnary(op, k, UInt8.self)
        case .int8: Tensor.intUnary(op, k, Int8.self)
        case .int16: Tensor.intUnary(op, k, Int16.self)
        case .int32: Tensor.intUnary(op, k, Int32.self)
        case .int64: Tensor.intUnary(op, k, Int64.self)
        case .bool:
            switch op {
            case .logicalNot, .bitwiseNot: k.runUnary(Bool.self, Bool.self) { !$0 }
            case .sign: k.runUnary(Bool.self, Bool.self) { $0 }
            default: preconditionFailure("bool unary \(op) rejected by unaryDType")
            }
        }
        return out
    }

    private static func floatUnary<T: FloatElement>(_ op: UnaryOp, _ k: ElementwiseKernel, _: T.Type) {
        switch op {
        case .neg: k.runUnary(T.self, T.self) { -$0 }
        case .abs: k.runUnary(T.self, T.self) { Swift.abs($0) }
        case .exp: k.runUnary(T.self, T.self) { T.fexp($0) }
        case .log: k.runUnary(T.self, T.self) { T.flog($0) }
        case .log2: k.runUnary(T.self, T.self) { T.flog2($0) }
        case .log10: k.runUnary(T.self, T.self) { T.flog10($0) }
        case .log1p: k.runUnary(T.self, T.self) { T.flog1p($0) }
        case .expm1: k.runUnary(T.self, T.self) { T.fexpm1($0) }
        case .sqrt: k.runUnary(T.self, T.self) { $0.squareRoot() }
        case .rsqrt: k.runUnary(T.self, T.self) { 1 / $0.squareRoot() }
        case .sin: k.runUnary(T.self, T.self) { T.fsin($0) }
        case .cos: k.runUnary(T.self, T.self) { T.fcos($0) }
        case .tan: k.runUnary(T.self, T.self) { T.ftan($0) }
        case .tanh: k.runUnary(T.self, T.self) { T.ftanh($0) }
        case .sigmoid: k.runUnary(T.self, T.self) { 1 / (1 + T.fexp(-$0)) }
        case .relu: k.runUnary(T.self, T.self) { $0.isNaN ? $0 : ($0 > 0 ? $0 : 0) }
        case .sign: k.runUnary(T.self, T.self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        case .floor: k.runUnary(T.self, T.self) { $0.rounded(.down) }
        case .ceil: k.runUnary(T.self, T.self) { $0.rounded(.up) }
        case .round: k.runUnary(T.self, T.self) { $0.rounded(.toNearestOrEven) }
        case .trunc: k.runUnary(T.self, T.self) { $0.rounded(.towardZero) }
        case .frac: k.runUnary(T.self, T.self) { $0 - $0.rounded(.towardZero) }
        case .reciprocal: k.runUnary(T.self, T.self) { 1 / $0 }
        case .square: k.runUnary(T.self, T.self) { $0 * $0 }
        case .logicalNot: k.runUnary(T.self, Bool.self) { $0 == 0 }
        case .bitwiseNot: preconditionFailure("bitwise_not on floats rejected by unaryDType")
        }
    }

    private static func intUnary<T: IntElement>(_ op: UnaryOp, _ k: ElementwiseKernel, _: T.Type) {
        switch op {
        case .neg: k.runUnary(T.self, T.self) { 0 &- $0 }
        case .abs: k.runUnary(T.self, T.self) { $0 < 0 ? 0 &- $0 : $0 }
        case .relu: k.runUnary(T.self, T.self) { $0 > 0 ? $0 : 0 }
        case .sign: k.runUnary(T.self, T.self) { $0 > 0 ? 1 : ($0 < 0 ? 0 &- 1 : 0) }
        case .floor, .ceil, .round, .trunc: k.runUnary(T.self, T.self) { $0 }
        case .square: k.runUnary(T.self, T.self) { $0 &* $0 }
        case .logicalNot: k.runUnary(T.self, Bool.self) { $0 == 0 }
        case .bitwiseNot: k.runUnary(T.self, T.self) { ~$0 }
        case .exp, .log, .log2, .log10, .log1p, .expm1, .sqrt, .rsqrt, .sin, .cos, .tan, .tanh, .sigmoid,
            .reciprocal, .frac:
            preconditionFailure("integer input of \(op) is converted to float first")
        }
    }

    /// Applies a unary op with autograd (`torch.exp(x)`, `x.abs()`, …).
    public func unary(_ op: UnaryOp) throws -> Tensor {
        let out = try unaryRaw(op)
        guard shouldRecord(self), out.dtype.isFloatingPoint else { return out }
        switch op {
        case .logicalNot, .bitwiseNot:
            return out
        case .neg:
            record(out, op.backwardName, [self]) { g, _ in [try g.negRaw()] }
        case .sign, .floor, .ceil, .round, .trunc:
            record(out, op.backwardName, [self]) { g, _ in [try Tensor.zerosLike(g)] }
        case .frac:
            record(out, op.backwardName, [self]) { g, _ in [g] }
        case .abs, .log, .log2, .log10, .log1p, .sin, .cos, .relu, .square:
            let sx = SavedTensor(op == .relu ? out : self)
            record(out, op.backwardName, [self], saves: true) { g, _ in
                let x = try sx.unpack()
                let r: Tensor
                switch op {
                case .abs: r = try g.mulRaw(.tensor(try x.unaryRaw(.sign)))
                case .log: r = try Tensor.binaryRaw(.div, .tensor(g), .tensor(x))
                case .log2:
                    r = try Tensor.binaryRaw(.div, .tensor(g), .tensor(try x.mulRaw(.scalar(.double(0.6931471805599453)))))
                case .log10:
                    r = try Tensor.binaryRaw(.div, .tensor(g), .tensor(try x.mulRaw(.scalar(.double(2.302585092994046)))))
                case .log1p:
                    r = try Tensor.binaryRaw(.div, .tensor(g), .tensor(try Tensor.binaryRaw(.add, .tensor(x), .scalar(.int(1)))))
                case .sin: r = try g.mulRaw(.tensor(try x.unaryRaw(.cos)))
                case .cos: r = try g.mulRaw(.tensor(try x.unaryRaw(.sin).negRaw()))
                case .relu:
                    let mask = try Tensor.binaryRaw(.gt, .tensor(x), .scalar(.int(0)))
                    r = try Tensor.whereRaw(mask, .tensor(g), .scalar(.int(0)))
                case .square: r = try g.mulRaw(.tensor(try x.mulRaw(.scalar(.int(2)))))
                default: preconditionFailure("unreachable")
                }
                return [r]
            }
        case .exp, .expm1, .sqrt, .rsqrt, .tan, .tanh, .sigmoid, .reciprocal:
            let sy = SavedTensor(out)
            record(out, op.backwardName, [self], saves: true) { g, _ in
                let y = try sy.unpack()
                let r: Tensor
                switch op {
                case .exp: r = try g.mulRaw(.tensor(y))
                case .expm1: r = try g.mulRaw(.tensor(try Tensor.binaryRaw(.add, .tensor(y), .scalar(.int(1)))))
                case .sqrt: r = try Tensor.binaryRaw(.div, .tensor(g), .tensor(try y.mulRaw(.scalar(.int(2)))))
                case .rsqrt:
                    r = try g.mulRaw(.tensor(try y.mulRaw(.tensor(y)).mulRaw(.tensor(y)))).mulRaw(.scalar(.double(-0.5)))
                case .tan:
                    r = try g.mulRaw(.tensor(try Tensor.binaryRaw(.add, .tensor(try y.mulRaw(.tensor(y))), .scalar(.int(1)))))
                case .tanh:
                    r = try g.mulRaw(.tensor(try Tensor.binaryRaw(.sub, .scalar(.int(1)), .tensor(try y.mulRaw(.tensor(y))))))
                case .sigmoid:
                    r = try g.mulRaw(.tensor(try Tensor.binaryRaw(.sub, .scalar(.int(1)), .tensor(y)))).mulRaw(.tensor(y))
                case .reciprocal:
                    r = try g.mulRaw(.tensor(try y.mulRaw(.tensor(y)).negRaw()))
                default: preconditionFailure("unreachable")
                }
                return [r]
            }
        }
        return out
    }

    public func neg() throws -> Tensor { try unary(.neg) }
    public func abs() throws -> Tensor { try unary(.abs) }
    public func exp() throws -> Tensor { try unary(.exp) }
    public func log() throws -> Tensor { try unary(.log) }
    public func sqrt() throws -> Tensor { try unary(.sqrt) }
    public func relu() throws -> Tensor { try unary(.relu) }
    public func sigmoid() throws -> Tensor { try unary(.sigmoid) }
    public func tanh() throws -> Tensor { try unary(.tanh) }
    public func reciprocal() throws -> Tensor { try unary(.reciprocal) }
    public func square() throws -> Tensor { try unary(.square) }

    /// `clamp(min, max)` with scalar bounds (ClampBackward1); either bound may be nil.
    public func clamp(min lo: Scalar?, max hi: Scalar?) throws -> Tensor {
        if lo == nil && hi == nil {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var state = ResultTypeState()
        state.add(self)
        if let lo { state.add(lo) }
        if let hi { state.add(hi) }
        let dt = state.result
        var out = try to(dt).detachedAlias()
        if let lo { out = try Tensor.binaryRaw(.maximum, .tensor(out), .scalar(lo)) }
        if let hi { out = try Tensor.binaryRaw(.minimum, .tensor(out), .scalar(hi)) }
        if out === self || out.storage === storage { out = try out.cloneContiguous() }
        if shouldRecord(self) && dt.isFloatingPoint {
            let sx = SavedTensor(self)
            record(out, "ClampBackward1", [self], saves: true) { g, _ in
                let x = try sx.unpack()
                var mask = try Tensor.onesLike(x, dtype: .bool)
                if let lo { mask = try Tensor.binaryRaw(.logicalAnd, .tensor(mask), .tensor(try Tensor.binaryRaw(.ge, .tensor(x), .scalar(lo)))) }
                if let hi { mask = try Tensor.binaryRaw(.logicalAnd, .tensor(mask), .tensor(try Tensor.binaryRaw(.le, .tensor(x), .scalar(hi)))) }
                return [try Tensor.whereRaw(mask, .tensor(g), .scalar(.int(0)))]
            }
        }
        return out
    }

    /// `clamp(min, max)` with tensor bounds (ClampBackward0).
    public func clamp(min lo: Tensor?, max hi: Tensor?) throws -> Tensor {
        if lo == nil && hi == nil {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var out: Tensor = self
        if let lo { out = try Tensor.binaryRaw(.maximum, .tensor(out), .tensor(lo)) }
        if let hi { out = try Tensor.binaryRaw(.minimum, .tensor(out), .tensor(hi)) }
        if shouldRecord([self] + [lo, hi].compactMap { $0 }) && out.dtype.isFloatingPoint {
            let sx = SavedTensor(self)
            let slo = lo.map { SavedTensor($0) }
            let shi = hi.map { SavedTensor($0) }
            let xs = shape
            record(out, "ClampBackward0", [self, lo, hi], saves: true) { g, needs in
                let x = try sx.unpack()
                var inRange = try Tensor.onesLike(g, dtype: .bool)
                var below: Tensor? = nil
                var above: Tensor? = nil
                if let l = try slo?.unpack() {
                    below = try Tensor.binaryRaw(.lt, .tensor(x), .tensor(l))
                    inRange = try Tensor.binaryRaw(.logicalAnd, .tensor(inRange), .tensor(try below!.unaryRaw(.logicalNot)))
                }
                if let h = try shi?.unpack() {
                    above = try Tensor.binaryRaw(.gt, .tensor(x), .tensor(h))
                    inRange = try Tensor.binaryRaw(.logicalAnd, .tensor(inRange), .tensor(try above!.unaryRaw(.logicalNot)))
                }
                let gx = needs[0] ? try Tensor.whereRaw(inRange, .tensor(g), .scalar(.int(0))).sumToShape(xs) : nil
                var gl: Tensor? = nil
                var gh: Tensor? = nil
                if needs.count > 1, needs[1], let b = below, let l = slo {
                    var m = b
                    if let a = above { m = try Tensor.binaryRaw(.logicalAnd, .tensor(b), .tensor(try a.unaryRaw(.logicalNot))) }
                    gl = try Tensor.whereRaw(m, .tensor(g), .scalar(.int(0))).sumToShape(l.tensor.shape)
                }
                if needs.count > 2, needs[2], let a = above, let h = shi {
                    gh = try Tensor.whereRaw(a, .tensor(g), .scalar(.int(0))).sumToShape(h.tensor.shape)
                }
                return [gx, gl, gh]
            }
        }
        return out
    }
}
