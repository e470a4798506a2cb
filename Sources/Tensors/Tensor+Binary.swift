/// Binary elementwise operations with broadcasting and PyTorch's type promotion.
public enum BinaryOp: Sendable {
    case add, sub, mul, div, floorDivide, truncDivide, remainder, pow, maximum, minimum
    case eq, ne, lt, le, gt, ge
    case logicalAnd, logicalOr, logicalXor
    case bitwiseAnd, bitwiseOr, bitwiseXor

    var isComparison: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge: true
        case .add, .sub, .mul, .div, .floorDivide, .truncDivide, .remainder, .pow, .maximum, .minimum,
            .logicalAnd, .logicalOr, .logicalXor, .bitwiseAnd, .bitwiseOr, .bitwiseXor: false
        }
    }

    var isLogical: Bool {
        switch self {
        case .logicalAnd, .logicalOr, .logicalXor: true
        case .add, .sub, .mul, .div, .floorDivide, .truncDivide, .remainder, .pow, .maximum, .minimum,
            .eq, .ne, .lt, .le, .gt, .ge, .bitwiseAnd, .bitwiseOr, .bitwiseXor: false
        }
    }

    /// The kernel name PyTorch uses in "not implemented for" messages.
    var kernelName: String {
        switch self {
        case .add: "add"
        case .sub: "sub"
        case .mul: "mul"
        case .div: "div_true"
        case .floorDivide: "div_floor"
        case .truncDivide: "div_trunc"
        case .remainder: "remainder"
        case .pow: "pow"
        case .maximum: "maximum"
        case .minimum: "minimum"
        case .eq: "eq"
        case .ne: "ne"
        case .lt: "lt"
        case .le: "le"
        case .gt: "gt"
        case .ge: "ge"
        case .logicalAnd: "logical_and"
        case .logicalOr: "logical_or"
        case .logicalXor: "logical_xor"
        case .bitwiseAnd: "bitwise_and"
        case .bitwiseOr: "bitwise_or"
        case .bitwiseXor: "bitwise_xor"
        }
    }
}

extension Tensor {
    /// The dtype the op computes in, and the dtype of its result.
    static func binaryDTypes(_ op: BinaryOp, _ a: Operand, _ b: Operand) throws -> (compute: DType, result: DType) {
        let common = resultType(a, b)
        switch op {
        case .div:
            let c = common.isFloatingPoint ? common : DType.float32
            return (c, c)
        case .eq, .ne, .lt, .le, .gt, .ge:
            return (common, .bool)
        case .logicalAnd, .logicalOr, .logicalXor:
            return (.bool, .bool)
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            if common.isFloatingPoint {
                throw TensorError.notImplemented("\"\(op.kernelName)_cpu\" not implemented for '\(common.scalarTypeName)'")
            }
            return (common, common)
        case .sub:
            if common == .bool {
                throw TensorError.runtime(
                    "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                        + "`logical_xor()` operator instead.")
            }
            return (common, common)
        case .floorDivide, .truncDivide, .remainder, .pow:
            if common == .bool {
                // PyTorch computes these on bools through integer promotion in Python-scalar cases only;
                // tensor-tensor bool is not supported.
                throw TensorError.notImplemented("\"\(op.kernelName)_cpu\" not implemented for 'Bool'")
            }
            return (common, common)
        case .add, .mul, .maximum, .minimum:
            return (common, common)
        }
    }

    /// The elementwise kernel without autograd. `out` (for in-place forms) must have the broadcast
    /// shape and a dtype the result can be cast to.
    static func binaryRaw(_ op: BinaryOp, _ a: Operand, _ b: Operand, out: Tensor? = nil) throws -> Tensor {
        let (compute, resultDT) = try binaryDTypes(op, a, b)
        var ta = a.tensorValue
        var tb = b.tensorValue
        let shape: [Int]
        if let x = ta, let y = tb {
            // Equal shapes broadcast to themselves (shares the array, no allocation).
            shape = x.shape == y.shape ? x.shape : try broadcastShapes(x.shape, y.shape)
        } else {
            shape = (ta ?? tb).unsafelyUnwrapped.shape
        }
        if let out {
            if !DType.canCast(from: resultDT, to: out.dtype) {
                throw TensorError.runtime(
                    "result type \(resultDT.scalarTypeName) can't be cast to the desired output type \(out.dtype.scalarTypeName)")
            }
            if out.shape != shape {
                throw TensorError.runtime(
                    "output with shape \(shapeString(out.shape)) doesn't match the broadcast shape \(shapeString(shape))")
            }
        }
        if let x = ta, x.dtype != compute { ta = try x.to(compute).detachedAlias() }
        if let y = tb, y.dtype != compute { tb = try y.to(compute).detachedAlias() }
        // Integer division by zero is an error in PyTorch (checked before computing).
        if compute.isIntegral && (op == .floorDivide || op == .truncDivide || op == .remainder) {
            if let y = tb {
                if try y.containsZero() { throw TensorError.runtime("ZeroDivisionError") }
            } else if case .scalar(let s) = b, s.intValue == 0 {
                throw TensorError.runtime("ZeroDivisionError")
            }
        }
        if op == .pow && compute.isIntegral {
            if case .scalar(let s) = b, s.intValue < 0 {
                throw TensorError.runtime("Integers to negative integer powers are not allowed.")
            }
            if let y = tb, try y.containsNegative() {
                throw TensorError.runtime("Integers to negative integer powers are not allowed.")
            }
        }
        let target: Tensor
        if let out, out.dtype == resultDT {
            target = out
        } else if let x = ta, x.shape == shape, x.isContiguous {
            target = try Tensor(allocatingValid: shape, strides: x.strides, count: x.count, dtype: resultDT)
        } else if let y = tb, y.shape == shape, y.isContiguous {
            target = try Tensor(allocatingValid: shape, strides: y.strides, count: y.count, dtype: resultDT)
        } else {
            target = try Tensor(allocating: shape, dtype: resultDT)
        }
        let sa: Scalar
        let sb: Scalar
        if case .scalar(let s) = a { sa = s } else { sa = .int(0) }
        if case .scalar(let s) = b { sb = s } else { sb = .int(0) }
        let k = ElementwiseKernel(out: target, a: ta, b: tb, scalarA: sa, scalarB: sb)
        switch compute {
        case .float32: floatBinary(op, k, Float.self, scalarExponent: op == .pow ? b : nil)
        case .float64: floatBinary(op, k, Double.self, scalarExponent: op == .pow ? b : nil)
        case .uint8: intBinary(op, k, UInt8.self)
        case .int8: intBinary(op, k, Int8.self)
        case .int16: intBinary(op, k, Int16.self)
        case .int32: intBinary(op, k, Int32.self)
        case .int64: intBinary(op, k, Int64.self)
        case .bool: boolBinary(op, k)
        }
        if let out, target !== out {
            copyElements(from: target, to: out)
            return out
        }
        return target
    }

    private static func floatBinary<T: FloatElement>(_ op: BinaryOp, _ k: ElementwiseKernel, _: T.Type, scalarExponent: Operand?) {
        if k.runParallelFlat(op, T.self) { return }
        switch op {
        case .add: k.run(T.self, T.self) { $0 + $1 }
        case .sub: k.run(T.self, T.self) { $0 - $1 }
        case .mul: k.run(T.self, T.self) { $0 * $1 }
        case .div: k.run(T.self, T.self) { $0 / $1 }
        case .floorDivide: k.run(T.self, T.self) { floorDivFloat($0, $1) }
        case .truncDivide: k.run(T.self, T.self) { ($0 / $1).rounded(.towardZero) }
        case .remainder:
            k.run(T.self, T.self) { a, b in
                var m = T.ffmod(a, b)
                if m != 0 && (b < 0) != (m < 0) { m += b }
                return m
            }
        case .pow:
            if let e = scalarExponent, case .scalar(let s) = e {
                let x = s.doubleValue
                if x == 2 {
                    k.run(T.self, T.self) { a, _ in a * a }
                } else if x == 3 {
                    k.run(T.self, T.self) { a, _ in a * a * a }
                } else if x == 0.5 {
                    k.run(T.self, T.self) { a, _ in a.squareRoot() }
                } else if x == -0.5 {
                    k.run(T.self, T.self) { a, _ in 1 / a.squareRoot() }
                } else if x == -1 {
                    k.run(T.self, T.self) { a, _ in 1 / a }
                } else if x == -2 {
                    k.run(T.self, T.self) { a, _ in 1 / (a * a) }
                } else if x == 1 {
                    k.run(T.self, T.self) { a, _ in a }
                } else {
                    k.run(T.self, T.self) { T.fpow($0, $1) }
                }
            } else {
                k.run(T.self, T.self) { T.fpow($0, $1) }
            }
        case .maximum: k.run(T.self, T.self) { a, b in a.isNaN || b.isNaN ? T.nan : (a > b ? a : b) }
        case .minimum: k.run(T.self, T.self) { a, b in a.isNaN || b.isNaN ? T.nan : (a < b ? a : b) }
        case .eq: k.run(T.self, Bool.self) { $0 == $1 }
        case .ne: k.run(T.self, Bool.self) { $0 != $1 }
        case .lt: k.run(T.self, Bool.self) { $0 < $1 }
        case .le: k.run(T.self, Bool.self) { $0 <= $1 }
        case .gt: k.run(T.self, Bool.self) { $0 > $1 }
        case .ge: k.run(T.self, Bool.self) { $0 >= $1 }
        case .logicalAnd, .logicalOr, .logicalXor, .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            // Unreachable: logical ops compute in bool and bitwise ops reject floats in binaryDTypes.
            preconditionFailure("float kernel for \(op)")
        }
    }

    private static func intBinary<T: IntElement>(_ op: BinaryOp, _ k: ElementwiseKernel, _: T.Type) {
        switch op {
        case .add: k.run(T.self, T.self) { $0 &+ $1 }
        case .sub: k.run(T.self, T.self) { $0 &- $1 }
        case .mul: k.run(T.self, T.self) { $0 &* $1 }
        case .div: preconditionFailure("true division computes in a float dtype")
        case .floorDivide:
            k.run(T.self, T.self) { a, b in
                if b == -1 && T.isSigned { return 0 &- a }
                let q = a / b
                return (a % b != 0) && ((a < 0) != (b < 0)) ? q &- 1 : q
            }
        case .truncDivide: k.run(T.self, T.self) { a, b in b == -1 && T.isSigned ? 0 &- a : a / b }
        case .remainder:
            k.run(T.self, T.self) { a, b in
                if b == -1 && T.isSigned { return 0 }
                let m = a % b
                return m != 0 && ((m < 0) != (b < 0)) ? m &+ b : m
            }
        case .pow:
            k.run(T.self, T.self) { base, exp in
                var result: T = 1
                var b = base
                var e = exp
                while e > 0 {
                    if e & 1 == 1 { result = result &* b }
                    b = b &* b
                    e >>= 1
                }
                return result
            }
        case .maximum: k.run(T.self, T.self) { Swift.max($0, $1) }
        case .minimum: k.run(T.self, T.self) { Swift.min($0, $1) }
        case .eq: k.run(T.self, Bool.self) { $0 == $1 }
        case .ne: k.run(T.self, Bool.self) { $0 != $1 }
        case .lt: k.run(T.self, Bool.self) { $0 < $1 }
        case .le: k.run(T.self, Bool.self) { $0 <= $1 }
        case .gt: k.run(T.self, Bool.self) { $0 > $1 }
        case .ge: k.run(T.self, Bool.self) { $0 >= $1 }
        case .bitwiseAnd: k.run(T.self, T.self) { $0 & $1 }
        case .bitwiseOr: k.run(T.self, T.self) { $0 | $1 }
        case .bitwiseXor: k.run(T.self, T.self) { $0 ^ $1 }
        case .logicalAnd, .logicalOr, .logicalXor: preconditionFailure("logical ops compute in bool")
        }
    }

    private static func boolBinary(_ op: BinaryOp, _ k: ElementwiseKernel) {
        switch op {
        case .add, .maximum, .logicalOr, .bitwiseOr: k.run(Bool.self, Bool.self) { $0 || $1 }
        case .mul, .minimum, .logicalAnd, .bitwiseAnd: k.run(Bool.self, Bool.self) { $0 && $1 }
        case .logicalXor, .bitwiseXor, .ne: k.run(Bool.self, Bool.self) { $0 != $1 }
        case .eq: k.run(Bool.self, Bool.self) { $0 == $1 }
        case .lt: k.run(Bool.self, Bool.self) { !$0 && $1 }
        case .le: k.run(Bool.self, Bool.self) { !$0 || $1 }
        case .gt: k.run(Bool.self, Bool.self) { $0 && !$1 }
        case .ge: k.run(Bool.self, Bool.self) { $0 || !$1 }
        case .sub, .div, .floorDivide, .truncDivide, .remainder, .pow:
            preconditionFailure("bool kernel for \(op) is rejected in binaryDTypes")
        }
    }

    /// Whether any element is zero (for integer division checks).
    func containsZero() throws -> Bool {
        var found = false
        let c = try contiguousRaw()
        let n = c.count
        func scan<T: TensorElement>(_: T.Type) {
            let p = c.pointer(T.self)
            for i in 0..<n where !p[i].asBool {
                found = true
                break
            }
        }
        dispatchElement(dtype) { scan($0) }
        return found
    }

    /// Whether any element is negative.
    func containsNegative() throws -> Bool {
        var found = false
        let c = try contiguousRaw()
        let n = c.count
        func scan<T: TensorElement>(_: T.Type) {
            let p = c.pointer(T.self)
            for i in 0..<n where p[i].asDouble < 0 {
                found = true
                break
            }
        }
        dispatchElement(dtype) { scan($0) }
        return found
    }
}

/// Python floor division on floats, as PyTorch's div_floor_floating.
@inline(__always)
func floorDivFloat<T: FloatElement>(_ a: T, _ b: T) -> T {
    if b == 0 { return a / b }
    let mod = T.ffmod(a, b)
    var div = (a - mod) / b
    if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
    if div == 0 { return (a / b).sign == .minus ? -0.0 : 0 }
    var floordiv = div.rounded(.down)
    if div - floordiv > 0.5 { floordiv += 1 }
    return floordiv
}

// MARK: public binary API with autograd

extension Tensor {
    /// `a + alpha * b` (`torch.add`, `+`), scalars on either side.
    public static func add(_ a: Operand, _ b: Operand, alpha: Scalar? = nil) throws -> Tensor {
        var rhs = b
        if let alpha, alpha != .int(1) {
            rhs = try scaledOperand(b, by: alpha, for: a)
        }
        let out = try binaryRaw(.add, a, rhs)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint {
            let sa = ta?.shape
            let sb = tb?.shape
            record(out, "AddBackward0", [ta, tb]) { g, needs in
                [needs[0] ? try g.sumToShape(sa ?? []) : nil,
                 needs[1] ? try (alpha.map { try g.mulRaw(.scalar($0)) } ?? g).sumToShape(sb ?? []) : nil]
            }
        }
        return out
    }

    /// `b * alpha` for add/sub's alpha (PyTorch multiplies in the result type).
    private static func scaledOperand(_ b: Operand, by alpha: Scalar, for a: Operand) throws -> Operand {
        switch b {
        case .scalar(let s):
            switch (s, alpha) {
            case (.double, _), (_, .double): return .scalar(.double(s.doubleValue * alpha.doubleValue))
            default: return .scalar(.int(s.intValue &* alpha.intValue))
            }
        case .tensor(let t):
            let dt = resultType(a, b)
            if !dt.isFloatingPoint && alpha.isFloating {
                throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
            }
            return .tensor(try GradMode.withDisabled { try binaryRaw(.mul, .tensor(t), .scalar(alpha)) })
        }
    }

    /// `a - alpha * b` (`torch.sub`, `-`); a scalar on the left records RsubBackward1.
    public static func sub(_ a: Operand, _ b: Operand, alpha: Scalar? = nil) throws -> Tensor {
        var rhs = b
        if let alpha, alpha != .int(1) {
            rhs = try scaledOperand(b, by: alpha, for: a)
        }
        let out = try binaryRaw(.sub, a, rhs)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint {
            let sa = ta?.shape
            let sb = tb?.shape
            let name = ta == nil ? "RsubBackward1" : "SubBackward0"
            record(out, name, [ta, tb]) { g, needs in
                var gb: Tensor? = nil
                if needs[1] {
                    let neg = try g.negRaw()
                    gb = try (alpha.map { try neg.mulRaw(.scalar($0)) } ?? neg).sumToShape(sb ?? [])
                }
                return [needs[0] ? try g.sumToShape(sa ?? []) : nil, gb]
            }
        }
        return out
    }

    /// `a * b`.
    public static func mul(_ a: Operand, _ b: Operand) throws -> Tensor {
        let out = try binaryRaw(.mul, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint {
            let sa = ta?.shape
            let sb = tb?.shape
            let savedA = ta.map { SavedTensor($0) }
            let savedB = tb.map { SavedTensor($0) }
            let needA = ta?.requiresGrad ?? false
            let needB = tb?.requiresGrad ?? false
            let scalarA = a
            let scalarB = b
            record(out, "MulBackward0", [ta, tb], saves: true) { g, needs in
                var ga: Tensor? = nil
                var gb: Tensor? = nil
                if needs[0] && needA {
                    let other: Operand = try savedB.map { .tensor(try $0.unpack()) } ?? scalarB
                    ga = try g.mulRaw(other).sumToShape(sa ?? [])
                }
                if needs[1] && needB {
                    let other: Operand = try savedA.map { .tensor(try $0.unpack()) } ?? scalarA
                    gb = try g.mulRaw(other).sumToShape(sb ?? [])
                }
                return [ga, gb]
            }
        }
        return out
    }

    /// True division `a / b`; `roundingMode` "floor" / "trunc" give `torch.div(..., rounding_mode=)`.
    /// A scalar numerator is computed as `reciprocal(b) * a` (MulBackward0), as PyTorch's `__rtruediv__`.
    public static func div(_ a: Operand, _ b: Operand, roundingMode: String? = nil) throws -> Tensor {
        if let mode = roundingMode {
            switch mode {
            case "floor": return try binaryRaw(.floorDivide, a, b)
            case "trunc": return try binaryRaw(.truncDivide, a, b)
            default:
                throw TensorError.value(
                    "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'")
            }
        }
        if case .scalar(let s) = a, let tb = b.tensorValue {
            return try mul(.tensor(try tb.reciprocal()), .scalar(s))
        }
        let out = try binaryRaw(.div, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb) {
            let sa = ta?.shape
            let sb = tb?.shape
            let savedA = ta.map { SavedTensor($0) }
            let savedB = tb.map { SavedTensor($0) }
            let scalarB = b
            record(out, "DivBackward0", [ta, tb], saves: true) { g, needs in
                let other: Operand = try savedB.map { .tensor(try $0.unpack()) } ?? scalarB
                var ga: Tensor? = nil
                var gb: Tensor? = nil
                if needs[0] { ga = try Tensor.binaryRaw(.div, .tensor(g), other).sumToShape(sa ?? []) }
                if needs[1], let sA = savedA, let sB = savedB {
                    let x = try sA.unpack()
                    let y = try sB.unpack()
                    let num = try Tensor.binaryRaw(.mul, .tensor(try g.negRaw()), .tensor(x))
                    gb = try Tensor.binaryRaw(.div, .tensor(num), .tensor(try y.mulRaw(.tensor(y)))).sumToShape(sb ?? [])
                }
                return [ga, gb]
            }
        }
        return out
    }

    /// `a // b` (`torch.floor_divide`), Python floor semantics; not differentiable.
    public static func floorDivide(_ a: Operand, _ b: Operand) throws -> Tensor {
        try binaryRaw(.floorDivide, a, b)
    }

    /// `a % b` (`torch.remainder`), result has the divisor's sign.
    public static func remainder(_ a: Operand, _ b: Operand) throws -> Tensor {
        let out = try binaryRaw(.remainder, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint {
            let sa = ta?.shape
            let sb = tb?.shape
            let opA = a
            let opB = b
            record(out, "RemainderBackward0", [ta, tb], saves: true) { g, needs in
                var gb: Tensor? = nil
                if needs[1] {
                    let q = try Tensor.binaryRaw(.floorDivide, opA, opB)
                    gb = try g.negRaw().mulRaw(.tensor(q)).sumToShape(sb ?? [])
                }
                return [needs[0] ? try g.sumToShape(sa ?? []) : nil, gb]
            }
        }
        return out
    }

    /// `a ** b` (`torch.pow`): PowBackward0 (scalar exponent), 1 (tensor exponent), 2 (scalar base).
    public static func pow(_ a: Operand, _ b: Operand) throws -> Tensor {
        let out = try binaryRaw(.pow, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        guard let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint else { return out }
        switch (a, b) {
        case (.tensor(let x), .scalar(let e)):
            let sx = SavedTensor(x)
            record(out, "PowBackward0", [x], saves: true) { g, _ in
                if e.doubleValue == 0 { return [try Tensor.zerosLike(g)] }
                let xv = try sx.unpack()
                let em1: Scalar = e.isFloating ? .double(e.doubleValue - 1) : .int(e.intValue - 1)
                let p = try Tensor.binaryRaw(.pow, .tensor(xv), .scalar(em1)).mulRaw(.scalar(e))
                return [try g.mulRaw(.tensor(p))]
            }
        case (.tensor(let x), .tensor(let y)):
            let sx = SavedTensor(x)
            let sy = SavedTensor(y)
            let so = SavedTensor(out)
            record(out, "PowBackward1", [x, y], saves: true) { g, needs in
                let xv = try sx.unpack()
                let yv = try sy.unpack()
                var ga: Tensor? = nil
                var gb: Tensor? = nil
                if needs[0] {
                    let ym1 = try Tensor.binaryRaw(.sub, .tensor(yv), .scalar(.int(1)))
                    let p = try Tensor.binaryRaw(.pow, .tensor(xv), .tensor(ym1)).mulRaw(.tensor(yv))
                    ga = try g.mulRaw(.tensor(p)).sumToShape(xv.shape)
                }
                if needs[1] {
                    let r = try so.unpack()
                    var t = try g.mulRaw(.tensor(r)).mulRaw(.tensor(try xv.unaryRaw(.log)))
                    // d/dy x^y at x == 0, y >= 0 is 0, not nan.
                    let mask = try Tensor.binaryRaw(.logicalAnd, .tensor(try Tensor.binaryRaw(.eq, .tensor(xv), .scalar(.int(0)))),
                                                    .tensor(try Tensor.binaryRaw(.ge, .tensor(yv), .scalar(.int(0)))))
                    t = try Tensor.whereRaw(mask, .scalar(.int(0)), .tensor(t))
                    gb = try t.sumToShape(yv.shape)
                }
                return [ga, gb]
            }
        case (.scalar(let base), .tensor(let y)):
            let so = SavedTensor(out)
            let sy = SavedTensor(y)
            record(out, "PowBackward2", [nil, y], saves: true) { g, _ in
                let r = try so.unpack()
                let t = try g.mulRaw(.tensor(r)).mulRaw(.scalar(.double(Double.flog(base.doubleValue))))
                if base.doubleValue == 0 {
                    // d/dy 0^y is 0 for y >= 0.
                    let mask = try Tensor.binaryRaw(.ge, .tensor(try sy.unpack()), .scalar(.int(0)))
                    return [nil, try Tensor.whereRaw(mask, .scalar(.int(0)), .tensor(t))]
                }
                return [nil, t]
            }
        case (.scalar, .scalar):
            break
        }
        return out
    }

    /// `torch.maximum` / `torch.minimum` (NaN-propagating).
    public static func maximum(_ a: Operand, _ b: Operand) throws -> Tensor { try minMax(.maximum, a, b) }
    public static func minimum(_ a: Operand, _ b: Operand) throws -> Tensor { try minMax(.minimum, a, b) }

    private static func minMax(_ op: BinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        let out = try binaryRaw(op, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        if let first = ta ?? tb, shouldRecord(first, ta == nil ? nil : tb), out.dtype.isFloatingPoint {
            let opA = a
            let opB = b
            let sa = ta?.shape
            let sb = tb?.shape
            record(out, op == .maximum ? "MaximumBackward0" : "MinimumBackward0", [ta, tb], saves: true) { g, needs in
                let winA = try Tensor.binaryRaw(op == .maximum ? .gt : .lt, opA, opB)
                let tie = try Tensor.binaryRaw(.eq, opA, opB)
                let half = try g.mulRaw(.scalar(.double(0.5)))
                let zero = try Tensor.zerosLike(g)
                var ga: Tensor? = nil
                var gb: Tensor? = nil
                if needs[0] {
                    ga = try Tensor.whereRaw(winA, .tensor(g), .tensor(try Tensor.whereRaw(tie, .tensor(half), .tensor(zero))))
                        .sumToShape(sa ?? [])
                }
                if needs[1] {
                    let winB = try Tensor.binaryRaw(op == .maximum ? .lt : .gt, opA, opB)
                    gb = try Tensor.whereRaw(winB, .tensor(g), .tensor(try Tensor.whereRaw(tie, .tensor(half), .tensor(zero))))
                        .sumToShape(sb ?? [])
                }
                return [ga, gb]
            }
        }
        return out
    }

    /// Comparisons, logical and bitwise ops: never differentiable.
    public static func compare(_ op: BinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        try binaryRaw(op, a, b)
    }

    /// Any binary op by enum (dispatches to the differentiable entry points).
    public static func binary(_ op: BinaryOp, _ a: Operand, _ b: Operand) throws -> Tensor {
        switch op {
        case .add: try add(a, b)
        case .sub: try sub(a, b)
        case .mul: try mul(a, b)
        case .div: try div(a, b)
        case .floorDivide: try floorDivide(a, b)
        case .truncDivide: try binaryRaw(.truncDivide, a, b)
        case .remainder: try remainder(a, b)
        case .pow: try pow(a, b)
        case .maximum: try maximum(a, b)
        case .minimum: try minimum(a, b)
        case .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor, .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            try binaryRaw(op, a, b)
        }
    }

    // MARK: raw helpers for backward formulas (no autograd)

    func mulRaw(_ other: Operand) throws -> Tensor { try Tensor.binaryRaw(.mul, .tensor(self), other) }
    func addRaw(_ other: Tensor) throws -> Tensor { try Tensor.binaryRaw(.add, .tensor(self), .tensor(other)) }
    func negRaw() throws -> Tensor { try Tensor.binaryRaw(.mul, .tensor(self), .scalar(.int(-1))) }

    /// In-place `self += other` without autograd or checks beyond broadcasting (gradient accumulation).
    func addInPlaceRaw(_ other: Tensor) throws {
        _ = try Tensor.binaryRaw(.add, .tensor(self), .tensor(other), out: self)
        storage.bumpVersion()
    }
}

