import Testing
@testable import Tensors

/// Large contiguous float arithmetic split across cores (`ElementwiseKernel.runParallelFlat`)
/// against the single-threaded strided loop, which a transposed layout forces: the same bits for
/// every op, both dtypes, tensor and scalar operands, and sizes around the split threshold.
struct ParallelElementwiseTests {
    static func values(_ n: Int, _ seed: Int, _ dtype: DType) throws -> Tensor {
        let xs = (0..<n).map { i -> Double in
            let k = (i &* 2_654_435_761 &+ seed &* 40_503) % 100_003
            return Double(k - 50_000) / 997.0 + (k % 7 == 0 ? 1e-30 : 0)
        }
        return try Tensor(shape: [n], doubles: xs).to(dtype)
    }

    static func bitsEqual(_ x: Tensor, _ y: Tensor) throws -> Bool {
        guard x.shape == y.shape, x.dtype == y.dtype else { return false }
        let a = try x.contiguous()
        let b = try y.contiguous()
        for i in 0..<a.count {
            switch (a.scalar(atFlat: i), b.scalar(atFlat: i)) {
            case (.double(let p), .double(let q)):
                if p.bitPattern != q.bitPattern && !(p.isNaN && q.isNaN) { return false }
            default: return false
            }
        }
        return true
    }

    @Test(arguments: [DType.float32, .float64], [ElementwiseKernel.parallelElements - 1, 600 * 512 + 3])
    func matchesTheStridedLoop(_ dtype: DType, _ n: Int) throws {
        let rows = 2
        let cols = (n + 1) / 2
        let a = try Self.values(rows * cols, 1, dtype).reshape([rows, cols])
        let b = try Self.values(rows * cols, 2, dtype).reshape([rows, cols])
        // The transposed copies are non-contiguous: their sum runs the strided plan, one thread.
        let at = try a.t().contiguous().t()
        let bt = try b.t().contiguous().t()
        for op in [BinaryOp.add, .sub, .mul, .div] {
            let flat = try Tensor.binary(op, .tensor(a), .tensor(b))
            let strided = try Tensor.binary(op, .tensor(at), .tensor(bt))
            #expect(try Self.bitsEqual(flat, strided), "\(op) tensor-tensor")
            let fs = try Tensor.binary(op, .tensor(a), .scalar(.double(0.37)))
            let ss = try Tensor.binary(op, .tensor(at), .scalar(.double(0.37)))
            #expect(try Self.bitsEqual(fs, ss), "\(op) tensor-scalar")
            let sf = try Tensor.binary(op, .scalar(.int(3)), .tensor(b))
            let sst = try Tensor.binary(op, .scalar(.int(3)), .tensor(bt))
            #expect(try Self.bitsEqual(sf, sst), "\(op) scalar-tensor")
        }
        // In place, reading itself (full overlap): x += x.
        let x = try a.clone()
        _ = try x.binaryInPlace(.add, .tensor(x))
        #expect(try Self.bitsEqual(x, try Tensor.binary(.mul, .tensor(at), .scalar(.int(2)))))
    }
}
