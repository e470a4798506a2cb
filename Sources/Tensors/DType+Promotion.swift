/// PyTorch's dtype promotion (`torch.promote_types`, `torch.result_type`) and cast rules.
extension DType {
    /// The C++ scalar-type name used in PyTorch messages: `Float`, `Long`, `Bool`.
    public var scalarTypeName: String {
        switch self {
        case .bool: "Bool"
        case .uint8: "Byte"
        case .int8: "Char"
        case .int16: "Short"
        case .int32: "Int"
        case .int64: "Long"
        case .float32: "Float"
        case .float64: "Double"
        }
    }

    /// The legacy tensor type name: `torch.FloatTensor`.
    public var legacyTypeName: String { "torch.\(scalarTypeName)Tensor" }

    /// The lowercase C type name used by a few messages (`float != double`).
    var cTypeName: String {
        switch self {
        case .bool: "bool"
        case .uint8: "unsigned char"
        case .int8: "signed char"
        case .int16: "short int"
        case .int32: "int"
        case .int64: "long int"
        case .float32: "float"
        case .float64: "double"
        }
    }

    /// `torch.promote_types(a, b)`.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a == .bool { return b }
        if b == .bool { return a }
        if a.isFloatingPoint || b.isFloatingPoint {
            if a.isFloatingPoint && b.isFloatingPoint { return a.itemSize >= b.itemSize ? a : b }
            return a.isFloatingPoint ? a : b
        }
        // Both integral.
        if a == .uint8 || b == .uint8 {
            let other = a == .uint8 ? b : a
            return other == .int8 ? .int16 : other
        }
        return a.itemSize >= b.itemSize ? a : b
    }

    /// `torch.can_cast(from, to)`: no cast to a lower category (float → int, int → bool).
    public static func canCast(from: DType, to: DType) -> Bool {
        from.category <= to.category
    }
}

/// PyTorch's `result_type` state: dimensioned tensors, zero-dim tensors and wrapped Python scalars
/// each promote among themselves; a lower-priority group only matters when it has a higher category.
struct ResultTypeState {
    var dimResult: DType?
    var zeroResult: DType?
    var wrappedResult: DType?

    mutating func add(_ t: Tensor) {
        if t.rank == 0 {
            zeroResult = zeroResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        } else {
            dimResult = dimResult.map { DType.promote($0, t.dtype) } ?? t.dtype
        }
    }

    mutating func add(_ s: Scalar) {
        let d = s.defaultDType
        wrappedResult = wrappedResult.map { DType.promote($0, d) } ?? d
    }

    mutating func add(_ o: Operand) {
        switch o {
        case .tensor(let t): add(t)
        case .scalar(let s): add(s)
        }
    }

    private static func combine(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let h = higher else { return lower }
        guard let l = lower else { return h }
        if h.isFloatingPoint { return h }
        if h == .bool || l.isFloatingPoint { return DType.promote(h, l) }
        return h
    }

    var result: DType {
        Self.combine(dimResult, Self.combine(zeroResult, wrappedResult)) ?? .float32
    }
}

/// `torch.result_type` of two operands.
public func resultType(_ a: Operand, _ b: Operand) -> DType {
    var s = ResultTypeState()
    s.add(a)
    s.add(b)
    return s.result
}
