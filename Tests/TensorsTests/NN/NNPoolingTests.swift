import Testing
@testable import Tensors

struct MaxPoolCase: Sendable, CustomStringConvertible {
    let id: String
    let input: [Int]
    let kernel: (Int, Int)
    var stride: (Int, Int)? = nil
    var padding = (0, 0)
    var dilation = (1, 1)
    var ceilMode = false
    let outShape: [Int]
    var description: String { id }
}

struct AvgPoolCase: Sendable, CustomStringConvertible {
    let id: String
    let input: [Int]
    let kernel: (Int, Int)
    var stride: (Int, Int)? = nil
    var padding = (0, 0)
    var ceilMode = false
    var countIncludePad = true
    var divisor: Int? = nil
    let outShape: [Int]
    var description: String { id }
}

struct AdaptiveCase: Sendable, CustomStringConvertible {
    let id: String
    let input: [Int]
    let size: (Int?, Int?)
    let outShape: [Int]
    let gradFn: String
    var description: String { id }
}

let maxPoolCases: [MaxPoolCase] = [
    MaxPoolCase(id: "k2", input: [1, 2, 6, 6], kernel: (2, 2), outShape: [1, 2, 3, 3]),
    MaxPoolCase(id: "k3-s2-p1", input: [2, 1, 7, 7], kernel: (3, 3), stride: (2, 2), padding: (1, 1), outShape: [2, 1, 4, 4]),
    MaxPoolCase(id: "dilated-ceil", input: [1, 2, 9, 8], kernel: (3, 2), stride: (2, 3), padding: (1, 1),
                dilation: (2, 2), ceilMode: true, outShape: [1, 2, 4, 3]),
    MaxPoolCase(id: "rect-ceil", input: [2, 3, 7, 5], kernel: (2, 3), stride: (2, 2), padding: (0, 1), ceilMode: true,
                outShape: [2, 3, 4, 3]),
    MaxPoolCase(id: "overlapping", input: [1, 1, 5, 5], kernel: (3, 3), stride: (1, 1), outShape: [1, 1, 3, 3]),
    MaxPoolCase(id: "unbatched", input: [3, 5, 6], kernel: (2, 2), outShape: [3, 2, 3]),
]

let avgPoolCases: [AvgPoolCase] = [
    AvgPoolCase(id: "k2-s2", input: [1, 3, 6, 6], kernel: (2, 2), outShape: [1, 3, 3, 3]),
    AvgPoolCase(id: "k3-s2-p1-include", input: [2, 2, 7, 6], kernel: (3, 3), stride: (2, 2), padding: (1, 1),
                outShape: [2, 2, 4, 3]),
    AvgPoolCase(id: "k3-s2-p1-exclude", input: [2, 2, 7, 6], kernel: (3, 3), stride: (2, 2), padding: (1, 1),
                countIncludePad: false, outShape: [2, 2, 4, 3]),
    AvgPoolCase(id: "ceil-include", input: [1, 2, 8, 7], kernel: (3, 2), stride: (2, 2), padding: (1, 0), ceilMode: true,
                outShape: [1, 2, 5, 4]),
    AvgPoolCase(id: "ceil-exclude", input: [1, 2, 8, 7], kernel: (3, 2), stride: (2, 2), padding: (1, 0), ceilMode: true,
                countIncludePad: false, outShape: [1, 2, 5, 4]),
    AvgPoolCase(id: "ceil-last-window-in-padding", input: [1, 1, 7, 7], kernel: (2, 2), stride: (2, 2), padding: (1, 1),
                ceilMode: true, outShape: [1, 1, 4, 4]),
    AvgPoolCase(id: "divisor-override", input: [1, 1, 6, 5], kernel: (2, 3), stride: (1, 2), padding: (1, 1), divisor: 5,
                outShape: [1, 1, 7, 3]),
    AvgPoolCase(id: "unbatched", input: [2, 5, 5], kernel: (2, 2), stride: (1, 1), outShape: [2, 4, 4]),
]

let adaptiveCases: [AdaptiveCase] = [
    AdaptiveCase(id: "7x5-to-3x2", input: [2, 3, 7, 5], size: (3, 2), outShape: [2, 3, 3, 2],
                 gradFn: "AdaptiveAvgPool2DBackward0"),
    AdaptiveCase(id: "identity", input: [1, 2, 5, 5], size: (5, 5), outShape: [1, 2, 5, 5], gradFn: "AdaptiveAvgPool2DBackward0"),
    AdaptiveCase(id: "upsample", input: [1, 1, 3, 4], size: (5, 6), outShape: [1, 1, 5, 6], gradFn: "AdaptiveAvgPool2DBackward0"),
    AdaptiveCase(id: "global", input: [2, 3, 4, 5], size: (1, 1), outShape: [2, 3, 1, 1], gradFn: "MeanBackward1"),
    AdaptiveCase(id: "none-keeps-dim", input: [1, 2, 6, 7], size: (nil, 2), outShape: [1, 2, 6, 2],
                 gradFn: "AdaptiveAvgPool2DBackward0"),
    AdaptiveCase(id: "unbatched", input: [2, 6, 7], size: (2, 3), outShape: [2, 2, 3], gradFn: "AdaptiveAvgPool2DBackward0"),
]

@Suite("NN pooling")
struct NNPoolingTests {
    @Test("max_pool2d: shape, grad_fn and gradients", arguments: maxPoolCases)
    func maxPool(_ c: MaxPoolCase) throws {
        var rng = NNRandom(seed: 31)
        let x = try nnLeaf(c.input, &rng)
        let run = { (t: Tensor) in
            try NN.maxPool2d(t, kernelSize: c.kernel, stride: c.stride, padding: c.padding, dilation: c.dilation,
                             ceilMode: c.ceilMode)
        }
        let out = try run(x)
        #expect(out.shape == c.outShape)
        #expect(out.gradFn?.name == "MaxPool2DWithIndicesBackward0")
        try nnGradCheck([x]) { try run($0[0]) }
    }

    @Test("avg_pool2d: shape, grad_fn and gradients", arguments: avgPoolCases)
    func avgPool(_ c: AvgPoolCase) throws {
        var rng = NNRandom(seed: 37)
        let x = try nnLeaf(c.input, &rng)
        let run = { (t: Tensor) in
            try NN.avgPool2d(t, kernelSize: c.kernel, stride: c.stride, padding: c.padding, ceilMode: c.ceilMode,
                             countIncludePad: c.countIncludePad, divisorOverride: c.divisor)
        }
        let out = try run(x)
        #expect(out.shape == c.outShape)
        #expect(out.gradFn?.name == "AvgPool2DBackward0")
        try nnGradCheck([x]) { try run($0[0]) }
    }

    @Test("adaptive_avg_pool2d: shape, grad_fn and gradients", arguments: adaptiveCases)
    func adaptive(_ c: AdaptiveCase) throws {
        var rng = NNRandom(seed: 41)
        let x = try nnLeaf(c.input, &rng)
        let out = try NN.adaptiveAvgPool2d(x, outputSize: c.size)
        #expect(out.shape == c.outShape)
        #expect(out.gradFn?.name == c.gradFn)
        try nnGradCheck([x]) { try NN.adaptiveAvgPool2d($0[0], outputSize: c.size) }
    }

    /// Values PyTorch gives on arange inputs (windows clipped by ceil mode and padding).
    @Test("pooling values on arange inputs")
    func knownValues() throws {
        let a9 = try Tensor.arange(.int(0), .int(9), dtype: .float32).reshape([1, 1, 3, 3])
        #expect(try NN.avgPool2d(a9, kernelSize: (2, 2), ceilMode: true).toDoubles() == [2, 3.5, 6.5, 8])
        #expect(close(try NN.avgPool2d(a9, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1)).toDoubles(),
                      [8.0 / 9, 12.0 / 9, 20.0 / 9, 24.0 / 9]))
        #expect(try NN.avgPool2d(a9, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1), countIncludePad: false)
            .toDoubles() == [2, 3, 5, 6])
        let a25 = try Tensor.arange(.int(0), .int(25), dtype: .float32).reshape([1, 1, 5, 5])
        #expect(try NN.maxPool2d(a25, kernelSize: (2, 2), ceilMode: true).toDoubles() == [6, 8, 9, 16, 18, 19, 21, 23, 24])
        #expect(try NN.maxPool2d(a25, kernelSize: (2, 2)).toDoubles() == [6, 8, 16, 18])
        #expect(try NN.maxPool2d(a25, kernelSize: (2, 2), dilation: (2, 2)).toDoubles() == [12, 14, 22, 24])
        let adaptive = try NN.adaptiveAvgPool2d(try Tensor.arange(.int(0), .int(5), dtype: .float64).reshape([1, 1, 5]),
                                                outputSize: (1, 3))
        // Windows over 5 columns into 3: [0, 2), [1, 4), [3, 5).
        #expect(adaptive.toDoubles() == [0.5, 2, 3.5])
    }

    @Test("max_pool2d indices, NaN and integer inputs")
    func maxPoolIndices() throws {
        let x = try Tensor(shape: [1, 4, 4], floats: [1, 5, 2, 0, 3, 4, 9, 9, 0, 0, 1, 2, .nan, 0, 3, 3])
        let (v, i) = try NN.maxPool2dWithIndices(x, kernelSize: (2, 2))
        #expect(i.dtype == .int64)
        #expect(i.toDoubles() == [1, 6, 12, 14])
        let values = v.toDoubles()
        #expect(values[0] == 5 && values[1] == 9 && values[2].isNaN && values[3] == 3)
        let ints = try Tensor(shape: [1, 2, 2], ints: [3, -7, 8, 1])
        let r = try NN.maxPool2d(ints, kernelSize: (2, 2))
        #expect(r.dtype == .int64)
        #expect(r.toDoubles() == [8])
    }

    @Test("ties in max_pool2d send the whole gradient to the first maximum")
    func maxPoolTies() throws {
        let x = try Tensor.ones([1, 1, 2, 2]).requiresGrad_()
        try NN.maxPool2d(x, kernelSize: (2, 2)).sum().backward()
        #expect(x.grad?.toDoubles() == [1, 0, 0, 0])
    }
}
