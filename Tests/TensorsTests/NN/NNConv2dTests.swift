import Testing
@testable import Tensors

/// One convolution configuration.
struct ConvCase: Sendable, CustomStringConvertible {
    let id: String
    let input: [Int]
    let outChannels: Int
    let kernel: (Int, Int)
    var stride = (1, 1)
    var padding = NN.Padding.explicit(0, 0)
    var dilation = (1, 1)
    var groups = 1
    var bias = true
    var description: String { id }
}

let convCases: [ConvCase] = [
    ConvCase(id: "basic-1x2", input: [1, 1, 6, 8], outChannels: 1, kernel: (1, 2), bias: false),
    ConvCase(id: "bias-3x3", input: [2, 3, 7, 6], outChannels: 4, kernel: (3, 3)),
    ConvCase(id: "stride2-pad1", input: [2, 2, 7, 8], outChannels: 3, kernel: (3, 3), stride: (2, 2), padding: .explicit(1, 1)),
    ConvCase(id: "rect-stride", input: [1, 2, 8, 9], outChannels: 2, kernel: (3, 5), stride: (3, 4), padding: .explicit(0, 1)),
    ConvCase(id: "dilation2", input: [1, 2, 9, 9], outChannels: 2, kernel: (3, 3), padding: .explicit(2, 2),
             dilation: (2, 2), bias: false),
    ConvCase(id: "mixed-dilation-stride", input: [2, 3, 10, 7], outChannels: 2, kernel: (2, 3), stride: (2, 1),
             padding: .explicit(1, 3), dilation: (3, 2)),
    ConvCase(id: "groups2", input: [1, 4, 6, 6], outChannels: 6, kernel: (3, 3), groups: 2),
    ConvCase(id: "depthwise", input: [2, 3, 5, 6], outChannels: 3, kernel: (3, 3), stride: (1, 2),
             padding: .explicit(1, 1), groups: 3),
    ConvCase(id: "groups-strided-dilated", input: [2, 4, 9, 8], outChannels: 4, kernel: (2, 3), stride: (2, 2),
             padding: .explicit(1, 0), dilation: (1, 2), groups: 2),
    ConvCase(id: "pointwise", input: [2, 3, 4, 4], outChannels: 5, kernel: (1, 1)),
    ConvCase(id: "pointwise-groups", input: [1, 6, 4, 5], outChannels: 3, kernel: (1, 1), groups: 3),
    ConvCase(id: "pointwise-stride", input: [1, 3, 5, 5], outChannels: 2, kernel: (1, 1), stride: (2, 2)),
    ConvCase(id: "pointwise-pad", input: [1, 2, 3, 3], outChannels: 2, kernel: (1, 1), padding: .explicit(1, 2)),
    ConvCase(id: "same-odd", input: [1, 2, 6, 7], outChannels: 3, kernel: (3, 3), padding: .same),
    ConvCase(id: "same-even", input: [1, 1, 6, 7], outChannels: 2, kernel: (3, 4), padding: .same, bias: false),
    ConvCase(id: "same-even-dilated", input: [2, 2, 5, 6], outChannels: 2, kernel: (4, 2), padding: .same,
             dilation: (1, 3)),
    ConvCase(id: "same-groups", input: [1, 4, 5, 5], outChannels: 2, kernel: (2, 2), padding: .same, groups: 2),
    ConvCase(id: "valid", input: [1, 2, 5, 6], outChannels: 2, kernel: (2, 3), padding: .valid),
    ConvCase(id: "kernel-equals-input", input: [2, 2, 4, 5], outChannels: 3, kernel: (4, 5)),
    ConvCase(id: "kernel-needs-padding", input: [1, 1, 2, 2], outChannels: 2, kernel: (3, 3), padding: .explicit(1, 1)),
    ConvCase(id: "padding-beyond-kernel", input: [1, 1, 3, 4], outChannels: 1, kernel: (2, 2), padding: .explicit(3, 2)),
    ConvCase(id: "stride-beyond-kernel", input: [1, 2, 9, 9], outChannels: 2, kernel: (2, 2), stride: (4, 3)),
]

/// (top, left, bottom, right) padding of a case, with PyTorch's 'same' rule.
func convPads(_ c: ConvCase) -> (Int, Int, Int, Int) {
    switch c.padding {
    case .explicit(let h, let w): return (h, w, h, w)
    case .valid: return (0, 0, 0, 0)
    case .same:
        let th = c.dilation.0 * (c.kernel.0 - 1)
        let tw = c.dilation.1 * (c.kernel.1 - 1)
        return (th / 2, tw / 2, th - th / 2, tw - tw / 2)
    }
}

/// Direct 7-loop convolution in double precision: the oracle for the forward pass.
func referenceConv2d(_ c: ConvCase, x: [Double], w: [Double], b: [Double]?) -> (shape: [Int], values: [Double]) {
    let (n, ch, h, wd) = (c.input[0], c.input[1], c.input[2], c.input[3])
    let (pt, pl, pb, pr) = convPads(c)
    let (kh, kw) = c.kernel
    let oh = (h + pt + pb - c.dilation.0 * (kh - 1) - 1) / c.stride.0 + 1
    let ow = (wd + pl + pr - c.dilation.1 * (kw - 1) - 1) / c.stride.1 + 1
    let cg = ch / c.groups
    let og = c.outChannels / c.groups
    var out = [Double](repeating: 0, count: n * c.outChannels * oh * ow)
    for s in 0..<n {
        for o in 0..<c.outChannels {
            let g = o / og
            for y in 0..<oh {
                for xo in 0..<ow {
                    var acc = b?[o] ?? 0
                    for ci in 0..<cg {
                        for i in 0..<kh {
                            for j in 0..<kw {
                                let iy = y * c.stride.0 - pt + i * c.dilation.0
                                let ix = xo * c.stride.1 - pl + j * c.dilation.1
                                if iy < 0 || iy >= h || ix < 0 || ix >= wd { continue }
                                let xv = x[((s * ch + g * cg + ci) * h + iy) * wd + ix]
                                let wv = w[((o * cg + ci) * kh + i) * kw + j]
                                acc += xv * wv
                            }
                        }
                    }
                    out[((s * c.outChannels + o) * oh + y) * ow + xo] = acc
                }
            }
        }
    }
    return ([n, c.outChannels, oh, ow], out)
}

func runConv(_ c: ConvCase, _ x: Tensor, _ w: Tensor, _ b: Tensor?) throws -> Tensor {
    try NN.conv2d(x, weight: w, bias: b, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups)
}

@Suite("NN.conv2d")
struct NNConv2dTests {
    @Test("forward matches a direct convolution (float64 and float32)", arguments: convCases)
    func forward(_ c: ConvCase) throws {
        var rng = NNRandom(seed: 11)
        let x = try rng.tensor(c.input)
        let w = try rng.tensor([c.outChannels, c.input[1] / c.groups, c.kernel.0, c.kernel.1])
        let b = c.bias ? try rng.tensor([c.outChannels]) : nil
        let expected = referenceConv2d(c, x: x.toDoubles(), w: w.toDoubles(), b: b?.toDoubles())
        let out = try runConv(c, x, w, b)
        #expect(out.shape == expected.shape)
        #expect(out.dtype == .float64)
        #expect(close(out.toDoubles(), expected.values, rel: 1e-12, abs: 1e-12))
        let out32 = try runConv(c, try x.to(.float32), try w.to(.float32), try b?.to(.float32))
        #expect(out32.dtype == .float32)
        #expect(close(out32.toDoubles(), expected.values, rel: 1e-5, abs: 1e-5))
    }

    @Test("gradients of input, weight and bias match finite differences", arguments: convCases)
    func gradients(_ c: ConvCase) throws {
        var rng = NNRandom(seed: 23)
        let x = try nnLeaf(c.input, &rng)
        let w = try nnLeaf([c.outChannels, c.input[1] / c.groups, c.kernel.0, c.kernel.1], &rng)
        let b = c.bias ? try nnLeaf([c.outChannels], &rng) : nil
        try nnGradCheck([x, w] + (b.map { [$0] } ?? [])) { v in
            try runConv(c, v[0], v[1], v.count > 2 ? v[2] : nil)
        }
    }

    @Test("only the inputs that require grad get gradients")
    func partialGradients() throws {
        var rng = NNRandom(seed: 5)
        let x = try rng.tensor([2, 2, 5, 5])
        let w = try nnLeaf([3, 2, 3, 3], &rng)
        let b = try rng.tensor([3])
        let out = try NN.conv2d(x, weight: w, bias: b, padding: .explicit(1, 1))
        #expect(out.gradFn?.name == "ConvolutionBackward0")
        #expect(out.gradFn?.nextFunctionNames == [nil, "AccumulateGrad", nil])
        try out.sum().backward()
        #expect(x.grad == nil)
        #expect(b.grad == nil)
        #expect(w.grad?.shape == [3, 2, 3, 3])

        let y = try NN.conv2d(x, weight: try rng.tensor([3, 2, 3, 3]))
        #expect(y.gradFn == nil)
        #expect(!y.requiresGrad)
        let z = try GradMode.withDisabled { try NN.conv2d(x, weight: w) }
        #expect(z.gradFn == nil)
    }

    @Test("unbatched C×H×W input is a batch of one, squeezed")
    func unbatched() throws {
        var rng = NNRandom(seed: 3)
        let x = try nnLeaf([2, 5, 6], &rng)
        let w = try nnLeaf([3, 2, 2, 3], &rng)
        let b = try nnLeaf([3], &rng)
        let out = try NN.conv2d(x, weight: w, bias: b, stride: (2, 1), padding: .explicit(1, 0))
        #expect(out.shape == [3, 3, 4])
        #expect(out.gradFn?.name == "SqueezeBackward1")
        let batched = try NN.conv2d(try x.detach().unsqueeze(0), weight: w.detach(), bias: b.detach(), stride: (2, 1),
                                    padding: .explicit(1, 0))
        #expect(out.toDoubles() == batched.toDoubles())
        try nnGradCheck([x, w, b]) { v in
            try NN.conv2d(v[0], weight: v[1], bias: v[2], stride: (2, 1), padding: .explicit(1, 0))
        }
    }

    @Test("strided (non-contiguous) input and weight views")
    func stridedViews() throws {
        var rng = NNRandom(seed: 9)
        let base = try rng.tensor([2, 6, 5, 2])
        let x = try base.permute([0, 3, 2, 1])  // 2×2×5×6, not contiguous
        let w = try rng.tensor([3, 2, 2, 2]).transpose(2, 3)
        let out = try NN.conv2d(x, weight: w)
        let expected = try NN.conv2d(try x.contiguous(), weight: try w.contiguous())
        #expect(out.toDoubles() == expected.toDoubles())
    }

    @Test("empty batch gives an empty output and zero weight gradient")
    func emptyBatch() throws {
        let x = try Tensor.zeros([0, 2, 4, 4], dtype: .float64)
        let w = try Tensor.ones([3, 2, 3, 3], dtype: .float64).requiresGrad_()
        let out = try NN.conv2d(x, weight: w)
        #expect(out.shape == [0, 3, 2, 2])
        try out.sum().backward()
        #expect(w.grad?.toDoubles() == [Double](repeating: 0, count: 54))
    }

    @Test("an in-place change to a saved input fails the backward")
    func savedVersion() throws {
        var rng = NNRandom(seed: 2)
        let x = try rng.tensor([1, 1, 4, 4])
        let w = try nnLeaf([1, 1, 2, 2], &rng)
        let out = try NN.conv2d(x, weight: w)
        try x.add_(.scalar(.int(1)))
        #expect(throws: TensorError.self) { try out.sum().backward() }
    }
}
