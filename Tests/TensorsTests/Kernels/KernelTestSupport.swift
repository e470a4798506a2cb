@testable import Tensors

/// Deterministic values in [-1, 1) (a 64-bit LCG), so kernel tests need no RNG state.
func kernelTestValues(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    var out = [Float](repeating: 0, count: count)
    for i in 0..<count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        out[i] = Float(Int64(bitPattern: state >> 40) - (1 << 23)) / Float(1 << 23)
    }
    return out
}

/// The largest |x - y| / (1 + |y|) over two equally long arrays.
func kernelMaxError(_ x: [Float], _ y: [Float]) -> Float {
    var worst: Float = 0
    for i in 0..<Swift.min(x.count, y.count) {
        let e = abs(x[i] - y[i]) / (1 + abs(y[i]))
        if !(e <= worst) { worst = e.isNaN ? .infinity : e }
    }
    return x.count == y.count ? worst : .infinity
}
