import Foundation
import Testing
@testable import Tensors

/// A differentiable expression over float64 leaves (built from a seed) for finite-difference checks.
struct NNGradCase: Sendable, CustomStringConvertible {
    let id: String
    let gradFn: String?
    let build: @Sendable (inout NNRandom) throws -> [Tensor]
    let run: @Sendable ([Tensor]) throws -> Tensor
    var description: String { id }
}

private func leaves(_ shapes: [Int]...) -> @Sendable (inout NNRandom) throws -> [Tensor] {
    { rng in try shapes.map { try nnLeaf($0, &rng) } }
}

let nnGradCases: [NNGradCase] = [
    // softmax / log_softmax
    NNGradCase(id: "softmax-dim0", gradFn: "SoftmaxBackward0", build: leaves([2, 3, 4])) { try NN.softmax($0[0], dim: 0) },
    NNGradCase(id: "softmax-dim1", gradFn: "SoftmaxBackward0", build: leaves([2, 3, 4])) { try NN.softmax($0[0], dim: 1) },
    NNGradCase(id: "softmax-last", gradFn: "SoftmaxBackward0", build: leaves([2, 3, 4])) { try NN.softmax($0[0], dim: -1) },
    NNGradCase(id: "softmax-0d", gradFn: "SoftmaxBackward0", build: leaves([])) { try NN.softmax($0[0], dim: 0) },
    NNGradCase(id: "log-softmax-dim0", gradFn: "LogSoftmaxBackward0", build: leaves([3, 2, 2])) { try NN.logSoftmax($0[0], dim: 0) },
    NNGradCase(id: "log-softmax-last", gradFn: "LogSoftmaxBackward0", build: leaves([4, 5])) { try NN.logSoftmax($0[0], dim: 1) },
    // mse_loss
    NNGradCase(id: "mse-mean", gradFn: "MseLossBackward0", build: leaves([3, 4], [3, 4])) { try NN.mseLoss($0[0], $0[1]) },
    NNGradCase(id: "mse-sum", gradFn: "MseLossBackward0", build: leaves([3, 4], [3, 4])) {
        try NN.mseLoss($0[0], $0[1], reduction: .sum)
    },
    NNGradCase(id: "mse-none", gradFn: "MseLossBackward0", build: leaves([2, 3, 2], [2, 3, 2])) {
        try NN.mseLoss($0[0], $0[1], reduction: .none)
    },
    NNGradCase(id: "mse-broadcast", gradFn: "MseLossBackward0", build: leaves([3, 4], [4])) { try NN.mseLoss($0[0], $0[1]) },
    // nll_loss
    NNGradCase(id: "nll-mean", gradFn: "NllLossBackward0", build: { rng in [try nnLeaf([4, 5], &rng), try rng.ints([4], below: 5)] }) {
        try NN.nllLoss($0[0], $0[1])
    },
    NNGradCase(id: "nll-weight-ignore", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([5, 3], &rng), try Tensor(shape: [5], ints: [0, 2, -100, 1, 2]), try Tensor(shape: [3], doubles: [0.2, 1.5, 0.7])]
    }) { try NN.nllLoss($0[0], $0[1], weight: $0[2]) },
    NNGradCase(id: "nll-none-ignore7", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([4, 3], &rng), try Tensor(shape: [4], ints: [7, 2, 0, 7])]
    }) { try NN.nllLoss($0[0], $0[1], ignoreIndex: 7, reduction: .none) },
    NNGradCase(id: "nll-spatial-sum", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([2, 3, 2, 2], &rng), try rng.ints([2, 2, 2], below: 3)]
    }) { try NN.nllLoss($0[0], $0[1], reduction: .sum) },
    NNGradCase(id: "nll-unbatched", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([5], &rng), try Tensor(scalar: .int(3))]
    }) { try NN.nllLoss($0[0], $0[1]) },
    // cross_entropy
    NNGradCase(id: "ce-indices-mean", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([4, 5], &rng), try rng.ints([4], below: 5)]
    }) { try NN.crossEntropy($0[0], $0[1]) },
    NNGradCase(id: "ce-indices-none-weight", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([4, 3], &rng), try rng.ints([4], below: 3), try Tensor(shape: [3], doubles: [1, 2, 0.5])]
    }) { try NN.crossEntropy($0[0], $0[1], weight: $0[2], reduction: .none) },
    NNGradCase(id: "ce-spatial", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([2, 4, 3, 2], &rng), try rng.ints([2, 3, 2], below: 4)]
    }) { try NN.crossEntropy($0[0], $0[1]) },
    NNGradCase(id: "ce-unbatched", gradFn: "NllLossBackward0", build: { rng in
        [try nnLeaf([6], &rng), try Tensor(scalar: .int(2))]
    }) { try NN.crossEntropy($0[0], $0[1]) },
    NNGradCase(id: "ce-label-smoothing", gradFn: "AddBackward0", build: { rng in
        [try nnLeaf([4, 5], &rng), try Tensor(shape: [4], ints: [1, -100, 4, 0])]
    }) { try NN.crossEntropy($0[0], $0[1], labelSmoothing: 0.2) },
    NNGradCase(id: "ce-label-smoothing-weight-sum", gradFn: "AddBackward0", build: { rng in
        [try nnLeaf([3, 4], &rng), try Tensor(shape: [3], ints: [3, 0, 2]), try Tensor(shape: [4], doubles: [0.5, 1, 2, 1.5])]
    }) { try NN.crossEntropy($0[0], $0[1], weight: $0[2], reduction: .sum, labelSmoothing: 0.1) },
    NNGradCase(id: "ce-label-smoothing-weight-mean", gradFn: "AddBackward0", build: { rng in
        [try nnLeaf([3, 4], &rng), try Tensor(shape: [3], ints: [3, 0, 2]), try Tensor(shape: [4], doubles: [0.5, 1, 2, 1.5])]
    }) { try NN.crossEntropy($0[0], $0[1], weight: $0[2], labelSmoothing: 0.1) },
    NNGradCase(id: "ce-probabilities", gradFn: "DivBackward0", build: leaves([3, 4], [3, 4])) {
        try NN.crossEntropy($0[0], NN.softmax($0[1], dim: 1))
    },
    NNGradCase(id: "ce-probabilities-smoothing-weight-none", gradFn: "NegBackward0", build: { rng in
        [try nnLeaf([3, 4], &rng), try nnLeaf([3, 4], &rng), try Tensor(shape: [4], doubles: [0.5, 1, 2, 1.5])]
    }) { try NN.crossEntropy($0[0], $0[1], weight: $0[2], reduction: .none, labelSmoothing: 0.3) },
    // linear
    NNGradCase(id: "linear-2d-bias", gradFn: "AddmmBackward0", build: leaves([4, 3], [2, 3], [2])) {
        try NN.linear($0[0], weight: $0[1], bias: $0[2])
    },
    NNGradCase(id: "linear-3d-bias", gradFn: "ViewBackward0", build: leaves([2, 4, 3], [5, 3], [5])) {
        try NN.linear($0[0], weight: $0[1], bias: $0[2])
    },
    NNGradCase(id: "linear-1d-bias", gradFn: "ViewBackward0", build: leaves([3], [2, 3], [2])) {
        try NN.linear($0[0], weight: $0[1], bias: $0[2])
    },
    NNGradCase(id: "linear-2d", gradFn: "MmBackward0", build: leaves([4, 3], [2, 3])) { try NN.linear($0[0], weight: $0[1]) },
    NNGradCase(id: "linear-3d", gradFn: "UnsafeViewBackward0", build: leaves([2, 4, 3], [2, 3])) {
        try NN.linear($0[0], weight: $0[1])
    },
    NNGradCase(id: "linear-strided-bias", gradFn: "AddBackward0", build: leaves([2, 3, 4], [5, 3], [5])) {
        try NN.linear(try $0[0].transpose(1, 2), weight: $0[1], bias: $0[2])
    },
    // pad
    NNGradCase(id: "pad-2d", gradFn: "ConstantPadNdBackward0", build: leaves([1, 2, 3, 4])) {
        try NN.pad($0[0], [1, 2, 0, 1], value: 0.5)
    },
    NNGradCase(id: "pad-negative", gradFn: "ConstantPadNdBackward0", build: leaves([2, 4, 5])) {
        try NN.pad($0[0], [-1, 2, 1, -2])
    },
    NNGradCase(id: "pad-3-dims", gradFn: "ConstantPadNdBackward0", build: leaves([2, 2, 3])) {
        try NN.pad($0[0], [0, 1, 2, 0, 1, 1])
    },
]

@Suite("NN softmax, losses, linear, pad")
struct NNLossTests {
    @Test("grad_fn and finite-difference gradients", arguments: nnGradCases)
    func gradients(_ c: NNGradCase) throws {
        var rng = NNRandom(seed: 101)
        let inputs = try c.build(&rng)
        let out = try c.run(inputs)
        #expect(out.gradFn?.name == c.gradFn)
        try nnGradCheck(inputs, c.run)
    }

    @Test("the finite-difference check catches a wrong gradient")
    func gradCheckIsSensitive() throws {
        var rng = NNRandom(seed: 1)
        let x = try nnLeaf([3], &rng)
        // x * x.detach() has autograd gradient x but true derivative 2x.
        withKnownIssue {
            try nnGradCheck([x]) { v in try Tensor.mul(.tensor(v[0]), .tensor(v[0].detach())) }
        }
    }

    @Test("loss values against hand-computed results")
    func values() throws {
        let a = try Tensor(shape: [2, 3], doubles: [1, 2, 3, 1, 1, 1])
        let t = try Tensor(shape: [2], ints: [2, 0])
        let lse0 = log(exp(1.0) + exp(2.0) + exp(3.0))
        let lse1 = log(3 * exp(1.0))
        let ce = try NN.crossEntropy(a, t, reduction: .none).toDoubles()
        #expect(close(ce, [lse0 - 3, lse1 - 1], rel: 1e-12, abs: 1e-12))
        #expect(close(try NN.crossEntropy(a, t).toDoubles(), [(lse0 - 3 + lse1 - 1) / 2], rel: 1e-12))
        // Weighted mean divides by the weights of the targets.
        let w = try Tensor(shape: [3], doubles: [2, 1, 0.5])
        let weighted = try NN.crossEntropy(a, t, weight: w).toDoubles()[0]
        #expect(Swift.abs(weighted - (0.5 * (lse0 - 3) + 2 * (lse1 - 1)) / 2.5) < 1e-12)
        // All targets ignored: 0 / 0.
        #expect(try NN.crossEntropy(a, try Tensor(shape: [2], ints: [-100, -100])).toDoubles()[0].isNaN)
        let m = try NN.mseLoss(try Tensor(shape: [2], doubles: [1, 4]), try Tensor(shape: [2], doubles: [3, 1]))
        #expect(m.toDoubles() == [6.5])
        #expect(m.shape == [])
        let p = try NN.softmax(try Tensor(shape: [2], doubles: [0, log(3)]), dim: 0).toDoubles()
        #expect(close(p, [0.25, 0.75], rel: 1e-12))
        let big = try NN.logSoftmax(try Tensor(shape: [2], floats: [1000, 0]), dim: 0).toDoubles()
        #expect(close(big, [0, -1000]))
        let padded = try NN.pad(try Tensor(shape: [1, 2], floats: [1, 2]), [1, 0, 0, 1], value: 9).toDoubles()
        #expect(padded == [9, 1, 2, 9, 9, 9])
    }

    @Test("mse_loss warning text for different sizes")
    func mseWarning() throws {
        let a = try Tensor.zeros([3, 4])
        #expect(NN.mseLossSizeWarning(input: a, target: a) == nil)
        #expect(NN.mseLossSizeWarning(input: a, target: try Tensor.zeros([4]))
            == "Using a target size (torch.Size([4])) that is different to the input size (torch.Size([3, 4])). "
            + "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.")
    }

    @Test("reduction strings")
    func reductions() throws {
        #expect(try NN.Reduction.parse("mean") == .mean)
        #expect(try NN.Reduction.parse("sum") == .sum)
        #expect(try NN.Reduction.parse("none") == .none)
        expectError(.value, "avg is not a valid value for reduction") { _ = try NN.Reduction.parse("avg") }
        #expect(try NN.Padding.parse("same") == .same)
        #expect(try NN.Padding.parse("valid") == .valid)
        expectError(.runtime, "Invalid padding string: 'full'") { _ = try NN.Padding.parse("full") }
    }
}
