#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Swift type that stores one element of a given dtype. Kernels are generic over it and
/// specialised by the compiler; conversions follow PyTorch's casts (float → int truncates toward zero,
/// anything → bool is `!= 0`, int → narrower int wraps).
protocol TensorElement: Sendable {
    static var dtype: DType { get }
    static var zero: Self { get }
    static var one: Self { get }
    var asDouble: Double { get }
    var asFloat: Float { get }
    /// Integers exactly, floats truncated toward zero (NaN / out of range → Int64.min).
    var asInt64: Int64 { get }
    var asBool: Bool { get }
    init(scalar: Scalar)
}

extension TensorElement {
    /// Converts an element of another dtype with PyTorch's cast semantics.
    @inline(__always)
    static func cast<S: TensorElement>(_ s: S) -> Self {
        if S.self == Self.self { return unsafeBitCast(s, to: Self.self) }
        switch Self.dtype {
        case .bool: return unsafeBitCast(s.asBool, to: Self.self)
        case .float32: return unsafeBitCast(s.asFloat, to: Self.self)
        case .float64: return unsafeBitCast(s.asDouble, to: Self.self)
        case .uint8: return unsafeBitCast(UInt8(truncatingIfNeeded: s.asInt64), to: Self.self)
        case .int8: return unsafeBitCast(Int8(truncatingIfNeeded: s.asInt64), to: Self.self)
        case .int16: return unsafeBitCast(Int16(truncatingIfNeeded: s.asInt64), to: Self.self)
        case .int32: return unsafeBitCast(Int32(truncatingIfNeeded: s.asInt64), to: Self.self)
        case .int64: return unsafeBitCast(s.asInt64, to: Self.self)
        }
    }

    var scalar: Scalar {
        switch Self.dtype {
        case .bool: .bool(asBool)
        case .float32, .float64: .double(asDouble)
        case .uint8, .int8, .int16, .int32, .int64: .int(Int(asInt64))
        }
    }
}

/// Float element types with the math the kernels need.
protocol FloatElement: TensorElement, BinaryFloatingPoint {
    static func fexp(_ x: Self) -> Self
    static func flog(_ x: Self) -> Self
    static func flog2(_ x: Self) -> Self
    static func flog10(_ x: Self) -> Self
    static func flog1p(_ x: Self) -> Self
    static func fexpm1(_ x: Self) -> Self
    static func fsin(_ x: Self) -> Self
    static func fcos(_ x: Self) -> Self
    static func ftan(_ x: Self) -> Self
    static func ftanh(_ x: Self) -> Self
    static func fpow(_ x: Self, _ y: Self) -> Self
    static func ffmod(_ x: Self, _ y: Self) -> Self
}

/// Integer element types (not bool).
protocol IntElement: TensorElement, FixedWidthInteger {}

@inline(__always)
private func truncToInt64(_ d: Double) -> Int64 {
    if d.isNaN || d >= 9223372036854775808.0 || d < -9223372036854775808.0 { return Int64.min }
    return Int64(d)
}

extension Float: FloatElement {
    static var dtype: DType { .float32 }
    static var one: Float { 1 }
    var asDouble: Double { Double(self) }
    var asFloat: Float { self }
    var asInt64: Int64 { truncToInt64(Double(self)) }
    var asBool: Bool { self != 0 }
    init(scalar: Scalar) {
        switch scalar {
        case .bool(let b): self = b ? 1 : 0
        case .int(let i): self = Float(i)
        case .double(let d): self = Float(d)
        }
    }
    static func fexp(_ x: Float) -> Float { expf(x) }
    static func flog(_ x: Float) -> Float { logf(x) }
    static func flog2(_ x: Float) -> Float { log2f(x) }
    static func flog10(_ x: Float) -> Float { log10f(x) }
    static func flog1p(_ x: Float) -> Float { log1pf(x) }
    static func fexpm1(_ x: Float) -> Float { expm1f(x) }
    static func fsin(_ x: Float) -> Float { sinf(x) }
    static func fcos(_ x: Float) -> Float { cosf(x) }
    static func ftan(_ x: Float) -> Float { tanf(x) }
    static func ftanh(_ x: Float) -> Float { tanhf(x) }
    static func fpow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    static func ffmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
}

extension Double: FloatElement {
    static var dtype: DType { .float64 }
    static var one: Double { 1 }
    var asDouble: Double { self }
    var asFloat: Float { Float(self) }
    var asInt64: Int64 { truncToInt64(self) }
    var asBool: Bool { self != 0 }
    init(scalar: Scalar) { self = scalar.doubleValue }
    static func fexp(_ x: Double) -> Double { exp(x) }
    static func flog(_ x: Double) -> Double { log(x) }
    static func flog2(_ x: Double) -> Double { log2(x) }
    static func flog10(_ x: Double) -> Double { log10(x) }
    static func flog1p(_ x: Double) -> Double { log1p(x) }
    static func fexpm1(_ x: Double) -> Double { expm1(x) }
    static func fsin(_ x: Double) -> Double { sin(x) }
    static func fcos(_ x: Double) -> Double { cos(x) }
    static func ftan(_ x: Double) -> Double { tan(x) }
    static func ftanh(_ x: Double) -> Double { tanh(x) }
    static func fpow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
    static func ffmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }
}

extension IntElement {
    static var one: Self { 1 }
    var asDouble: Double { Double(self) }
    var asFloat: Float { Float(self) }
    var asInt64: Int64 { Int64(truncatingIfNeeded: self) }
    var asBool: Bool { self != 0 }
    init(scalar: Scalar) {
        switch scalar {
        case .bool(let b): self = b ? 1 : 0
        case .int(let i): self = Self(truncatingIfNeeded: i)
        case .double(let d): self = Self(truncatingIfNeeded: truncToInt64(d))
        }
    }
}

extension UInt8: IntElement { static var dtype: DType { .uint8 } }
extension Int8: IntElement { static var dtype: DType { .int8 } }
extension Int16: IntElement { static var dtype: DType { .int16 } }
extension Int32: IntElement { static var dtype: DType { .int32 } }
extension Int64: IntElement { static var dtype: DType { .int64 } }

extension Bool: TensorElement {
    static var dtype: DType { .bool }
    static var zero: Bool { false }
    static var one: Bool { true }
    var asDouble: Double { self ? 1 : 0 }
    var asFloat: Float { self ? 1 : 0 }
    var asInt64: Int64 { self ? 1 : 0 }
    var asBool: Bool { self }
    init(scalar: Scalar) { self = scalar.boolValue }
}
