/// A Python number as the interpreter passes it to tensor operations.
///
/// Python scalars are "weak" in PyTorch's type promotion: they only raise the result's
/// category (bool < integer < floating), never its width within a category.
public enum Scalar: Sendable, Hashable {
    case bool(Bool)
    case int(Int)
    case double(Double)

    /// The value as a double (`True` is 1).
    public var doubleValue: Double {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }

    /// The value as an integer; doubles truncate toward zero (non-finite and out-of-range give `Int.min`).
    public var intValue: Int {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): i
        case .double(let d): Int(clampingToInt64: d)
        }
    }

    /// Truthiness (`!= 0`).
    public var boolValue: Bool {
        switch self {
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        }
    }

    /// The dtype `torch.tensor(x)` would give this scalar (bool, int64, float32).
    public var defaultDType: DType {
        switch self {
        case .bool: .bool
        case .int: .int64
        case .double: .float32
        }
    }

    /// Promotion category: 0 bool, 1 integer, 2 floating.
    var category: Int {
        switch self {
        case .bool: 0
        case .int: 1
        case .double: 2
        }
    }

    var isFloating: Bool { category == 2 }
}

/// An operand of a binary operation: a tensor or a Python scalar.
public enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)

    var tensorValue: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }
}

extension Int {
    /// Truncates toward zero like C's cast on x86: NaN, infinities and out-of-range values give `Int.min`.
    @inline(__always)
    init(clampingToInt64 d: Double) {
        if d.isNaN || d >= 9223372036854775808.0 || d < -9223372036854775808.0 {
            self = Int.min
        } else {
            self = Int(d)
        }
    }
}
