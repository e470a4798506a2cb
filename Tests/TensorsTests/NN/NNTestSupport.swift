import Testing
@testable import Tensors

/// A small deterministic generator for test data (SplitMix64).
struct NNRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }

    /// A float64 tensor of uniform values.
    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        let n = shape.reduce(1, *)
        return try Tensor(shape: shape, doubles: (0..<n).map { _ in uniform() })
    }

    /// An int64 tensor of values in 0..<bound.
    mutating func ints(_ shape: [Int], below bound: Int) throws -> Tensor {
        let n = shape.reduce(1, *)
        return try Tensor(shape: shape, ints: (0..<n).map { _ in Int(next() % UInt64(bound)) })
    }
}

/// Checks the gradients autograd gives for sum(f(inputs) * R) against central differences, for every
/// float64 input that requires grad. Inputs must be contiguous tensors owning their storage.
func nnGradCheck(
    _ inputs: [Tensor], seed: UInt64 = 7, eps: Double = 1e-6, rel: Double = 1e-5, abs: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) throws -> Tensor
) throws {
    for x in inputs where x.requiresGrad { x.grad = nil }
    let out = try f(inputs)
    var rng = NNRandom(seed: seed)
    let r = try rng.tensor(out.shape)
    try Tensor.mul(.tensor(out), .tensor(r)).sum().backward()
    func loss() throws -> Double {
        try GradMode.withDisabled { try Tensor.mul(.tensor(try f(inputs)), .tensor(r)).sum().toDoubles()[0] }
    }
    for (i, x) in inputs.enumerated() where x.requiresGrad {
        #expect(x.dtype == .float64 && x.isContiguous, sourceLocation: sourceLocation)
        guard let grad = x.grad else {
            Issue.record("input \(i) got no gradient", sourceLocation: sourceLocation)
            continue
        }
        #expect(grad.shape == x.shape, sourceLocation: sourceLocation)
        let analytic = grad.toDoubles()
        let p = x.pointer(Double.self)
        var worst = 0.0
        var worstAt = -1
        for j in 0..<x.count {
            let orig = p[j]
            p[j] = orig + eps
            let plus = try loss()
            p[j] = orig - eps
            let minus = try loss()
            p[j] = orig
            let numeric = (plus - minus) / (2 * eps)
            let err = Swift.abs(numeric - analytic[j]) - (abs + rel * Swift.abs(numeric))
            if err > worst {
                worst = err
                worstAt = j
            }
        }
        #expect(worstAt == -1, "input \(i): gradient differs from finite differences at element \(worstAt)",
                sourceLocation: sourceLocation)
    }
}

/// A float64 leaf of uniform values that requires grad.
func nnLeaf(_ shape: [Int], _ rng: inout NNRandom) throws -> Tensor {
    try rng.tensor(shape).requiresGrad_()
}
