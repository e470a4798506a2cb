/// Element types of a tensor, with PyTorch's names and promotion order.
public enum DType: Sendable, Hashable, CaseIterable {
    case bool
    case uint8
    case int8
    case int16
    case int32
    case int64
    case float32
    case float64

    /// PyTorch's name without the module prefix: `float32`, `int64`.
    public var name: String {
        switch self {
        case .bool: "bool"
        case .uint8: "uint8"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .float32: "float32"
        case .float64: "float64"
        }
    }

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .bool, .uint8, .int8: 1
        case .int16: 2
        case .int32, .float32: 4
        case .int64, .float64: 8
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float64: true
        case .bool, .uint8, .int8, .int16, .int32, .int64: false
        }
    }

    /// Integer dtypes (not bool).
    public var isIntegral: Bool {
        switch self {
        case .uint8, .int8, .int16, .int32, .int64: true
        case .bool, .float32, .float64: false
        }
    }

    /// The category used by PyTorch's promotion of tensors with Python scalars:
    /// bool < integer < floating.
    public var category: Int {
        switch self {
        case .bool: 0
        case .uint8, .int8, .int16, .int32, .int64: 1
        case .float32, .float64: 2
        }
    }
}
