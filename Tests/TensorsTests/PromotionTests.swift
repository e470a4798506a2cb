import Testing
@testable import Tensors

struct PromotionRow: Sendable, CustomStringConvertible {
    let id: String
    let dtype: DType
    let values: [Double]
    let run: @Sendable () throws -> Tensor
    var description: String { id }
}

private func L() throws -> Tensor { try i64([2], [1, 2]) }
private func I() throws -> Tensor { try L().to(.int32) }
private func B() throws -> Tensor { try Tensor(shape: [2], bools: [true, false]) }
private func F() throws -> Tensor { try f32([2], [1, 2]) }
private func D() throws -> Tensor { try f64([2], [1, 2]) }
private func U() throws -> Tensor { try L().to(.uint8) }
private func C() throws -> Tensor { try L().to(.int8) }

/// Rows checked against torch 2.15 (dtype and values).
let promotionRows: [PromotionRow] = [
    PromotionRow(id: "L*1.5", dtype: .float32, values: [1.5, 3]) { try Tensor.mul(t(try L()), s(1.5)) },
    PromotionRow(id: "F+1", dtype: .float32, values: [2, 3]) { try Tensor.add(t(try F()), s(1)) },
    PromotionRow(id: "I+1", dtype: .int32, values: [2, 3]) { try Tensor.add(t(try I()), s(1)) },
    PromotionRow(id: "L/L", dtype: .float32, values: [1, 1]) { try Tensor.div(t(try L()), t(try L())) },
    PromotionRow(id: "B+B", dtype: .bool, values: [1, 0]) { try Tensor.add(t(try B()), t(try B())) },
    PromotionRow(id: "B+1", dtype: .int64, values: [2, 1]) { try Tensor.add(t(try B()), s(1)) },
    PromotionRow(id: "U+C", dtype: .int16, values: [2, 4]) { try Tensor.add(t(try U()), t(try C())) },
    PromotionRow(id: "L+0d f64", dtype: .float64, values: [2.5, 3.5]) {
        try Tensor.add(t(try L()), t(try Tensor(scalar: .double(1.5), dtype: .float64)))
    },
    PromotionRow(id: "F+0d f64", dtype: .float32, values: [2.5, 3.5]) {
        try Tensor.add(t(try F()), t(try Tensor(scalar: .double(1.5), dtype: .float64)))
    },
    PromotionRow(id: "U+0d i64", dtype: .uint8, values: [2, 3]) { try Tensor.add(t(try U()), t(try Tensor(scalar: .int(1)))) },
    PromotionRow(id: "I+L", dtype: .int64, values: [2, 4]) { try Tensor.add(t(try I()), t(try L())) },
    PromotionRow(id: "F+D", dtype: .float64, values: [2, 4]) { try Tensor.add(t(try F()), t(try D())) },
    PromotionRow(id: "L<1.5", dtype: .bool, values: [1, 0]) { try Tensor.compare(.lt, t(try L()), s(1.5)) },
    PromotionRow(id: "L**2", dtype: .int64, values: [1, 4]) { try Tensor.pow(t(try L()), s(2)) },
    PromotionRow(id: "L**0.5", dtype: .float32, values: [1, Double(Float(2).squareRoot())]) { try Tensor.pow(t(try L()), s(0.5)) },
    PromotionRow(id: "2**L", dtype: .int64, values: [2, 4]) { try Tensor.pow(s(2), t(try L())) },
    PromotionRow(id: "2.5**L", dtype: .float32, values: [2.5, 6.25]) { try Tensor.pow(s(2.5), t(try L())) },
    PromotionRow(id: "B*1.5", dtype: .float32, values: [1.5, 0]) { try Tensor.mul(t(try B()), s(1.5)) },
    PromotionRow(id: "C+1000 wraps", dtype: .int8, values: [-23, -22]) { try Tensor.add(t(try C()), s(1000)) },
    PromotionRow(id: "I+0d f64", dtype: .float64, values: [3.5, 4.5]) {
        try Tensor.add(t(try I()), t(try Tensor(scalar: .double(2.5), dtype: .float64)))
    },
    PromotionRow(id: "B+0d i32", dtype: .int32, values: [2, 1]) {
        try Tensor.add(t(try B()), t(try Tensor(scalar: .int(1), dtype: .int32)))
    },
    PromotionRow(id: "U-1", dtype: .uint8, values: [0, 1]) { try Tensor.sub(t(try U()), s(1)) },
    PromotionRow(id: "L//2.0", dtype: .float32, values: [0, 1]) { try Tensor.floorDivide(t(try L()), s(2.0)) },
    PromotionRow(id: "L%3", dtype: .int64, values: [1, 2]) { try Tensor.remainder(t(try L()), s(3)) },
    PromotionRow(id: "I*True", dtype: .int32, values: [1, 2]) { try Tensor.mul(t(try I()), .scalar(.bool(true))) },
    PromotionRow(id: "-L", dtype: .int64, values: [-1, -2]) { try L().neg() },
    PromotionRow(id: "L.sum", dtype: .int64, values: [3]) { try L().sum() },
    PromotionRow(id: "I.sum", dtype: .int64, values: [3]) { try I().sum() },
    PromotionRow(id: "B.sum", dtype: .int64, values: [1]) { try B().sum() },
    PromotionRow(id: "where(B,L,2.5)", dtype: .float32, values: [1, 2.5]) { try Tensor.where(try B(), t(try L()), s(2.5)) },
    PromotionRow(id: "where(B,I,2)", dtype: .int32, values: [1, 2]) { try Tensor.where(try B(), t(try I()), s(2)) },
    PromotionRow(id: "L.clamp(0.5)", dtype: .float32, values: [1, 2]) { try L().clamp(min: .double(0.5), max: nil) },
    PromotionRow(id: "I.clamp(0,1)", dtype: .int32, values: [1, 1]) { try I().clamp(min: .int(0), max: .int(1)) },
    PromotionRow(id: "maximum(I,L)", dtype: .int64, values: [1, 2]) { try Tensor.maximum(t(try I()), t(try L())) },
    PromotionRow(id: "L&I", dtype: .int64, values: [1, 2]) { try Tensor.compare(.bitwiseAnd, t(try L()), t(try I())) },
    PromotionRow(id: "B^True", dtype: .bool, values: [0, 1]) { try Tensor.compare(.bitwiseXor, t(try B()), .scalar(.bool(true))) },
    PromotionRow(id: "~B", dtype: .bool, values: [0, 1]) { try B().unary(.bitwiseNot) },
    PromotionRow(id: "~L", dtype: .int64, values: [-2, -3]) { try L().unary(.bitwiseNot) },
    PromotionRow(id: "exp(L)", dtype: .float32, values: [Double(Float(2.7182817)), Double(Float(7.389056))]) { try L().exp() },
    PromotionRow(id: "square(B)", dtype: .int64, values: [1, 0]) { try B().square() },
    PromotionRow(id: "2/L", dtype: .float32, values: [2, 1]) { try Tensor.div(s(2), t(try L())) },
    PromotionRow(id: "L.float()", dtype: .float32, values: [1, 2]) { try L().to(.float32) },
    PromotionRow(id: "F(-1.7).long()", dtype: .int64, values: [-1, 2]) { try f32([2], [-1.7, 2.9]).to(.int64) },
    PromotionRow(id: "F.bool()", dtype: .bool, values: [1, 0]) { try f32([2], [0.5, 0]).to(.bool) },
]

@Suite("Type promotion")
struct PromotionTests {
    @Test("result dtype and values", arguments: promotionRows)
    func row(_ r: PromotionRow) throws {
        let out = try r.run()
        #expect(out.dtype == r.dtype)
        #expect(out.toDoubles() == r.values)
    }

    @Test("promote_types table") func promoteTypes() {
        #expect(DType.promote(.uint8, .int8) == .int16)
        #expect(DType.promote(.int64, .float32) == .float32)
        #expect(DType.promote(.bool, .uint8) == .uint8)
        #expect(DType.promote(.int16, .uint8) == .int16)
        #expect(DType.promote(.float32, .float64) == .float64)
    }
}
