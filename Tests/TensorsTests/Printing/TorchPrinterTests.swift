import Foundation
import Testing
import Tensors

/// One golden case: `code` is the key into torch-repr.json (import lines removed).
struct TorchCase: Sendable, CustomTestStringConvertible {
    let code: String
    let shape: [Int]
    let dtype: DType
    let values: PrintTestValues
    var grad: String? = nil
    var parameter: Bool = false
    var testDescription: String { code }
}

private let x4 = "x = torch.arange(4.0, requires_grad=True)\n"
private let x23 = "x = torch.arange(6.0, requires_grad=True).reshape(2, 3)\n"
private let x16 = "x = torch.arange(1., 7.).reshape(2, 3).requires_grad_()\n"
private let linear = "net = nn.Linear(2, 1)\nnet.weight.data.fill_(1.)\nnet.bias.data.fill_(0.)\n"
private let conv = "conv = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)\nconv.weight.data = torch.tensor([[[[1., -1.]]]])\n"

private func sig(_ x: Float) -> Float { 1 / (1 + Float(exp(Double(-x)))) }

let torchGoldenCases: [TorchCase] = [
    TorchCase(code: "torch.tensor([1, 2, 3])", shape: [3], dtype: .int64, values: printI64([1, 2, 3])),
    TorchCase(code: "torch.arange(12).reshape(3, 4)", shape: [3, 4], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.tensor([1, 2, 3], dtype=torch.int32)", shape: [3], dtype: .int32, values: printI64([1, 2, 3])),
    TorchCase(code: "torch.tensor([-128, 5, 127], dtype=torch.int8)", shape: [3], dtype: .int8, values: printI64([-128, 5, 127])),
    TorchCase(code: "torch.tensor(5)", shape: [], dtype: .int64, values: printI64([5])),
    TorchCase(code: "torch.tensor(-5, dtype=torch.int32)", shape: [], dtype: .int32, values: printI64([-5])),
    TorchCase(code: "torch.arange(30)", shape: [30], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.arange(1001)", shape: [1001], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.tensor([[19., 25.], [37., 43.]])", shape: [2, 2], dtype: .float32, values: printF32([19, 25, 37, 43])),
    TorchCase(code: "torch.zeros(2, 3)", shape: [2, 3], dtype: .float32, values: .floatFn { _ in 0 }),
    TorchCase(code: "torch.ones(3)", shape: [3], dtype: .float32, values: .floatFn { _ in 1 }),
    TorchCase(code: "torch.tensor([-1., 10., 100.])", shape: [3], dtype: .float32, values: printF32([-1, 10, 100])),
    TorchCase(code: "torch.arange(6.).reshape(2, 3)", shape: [2, 3], dtype: .float32, values: printF32Range(6)),
    TorchCase(code: "torch.tensor([1., 1000.])", shape: [2], dtype: .float32, values: printF32([1, 1000])),
    TorchCase(code: "torch.tensor([1., 1001.])", shape: [2], dtype: .float32, values: printF32([1, 1001])),
    TorchCase(code: "torch.tensor([0.1, 0.2, 0.3])", shape: [3], dtype: .float32, values: printF32([0.1, 0.2, 0.3])),
    TorchCase(code: "torch.tensor([[1.23456, 100.5], [-0.5, 3.]])", shape: [2, 2], dtype: .float32, values: printF32([1.23456, 100.5, -0.5, 3])),
    TorchCase(code: "torch.tensor(0.5)", shape: [], dtype: .float32, values: printF32([0.5])),
    TorchCase(code: "torch.tensor(-3.14159)", shape: [], dtype: .float32, values: printF32([-3.14159])),
    TorchCase(code: "torch.linspace(0, 1, 5)", shape: [5], dtype: .float32, values: printF32([0, 0.25, 0.5, 0.75, 1])),
    TorchCase(code: "torch.tensor([999.5, 1.5])", shape: [2], dtype: .float32, values: printF32([999.5, 1.5])),
    TorchCase(code: "torch.tensor([12345.678, 0.5])", shape: [2], dtype: .float32, values: printF32([12345.678, 0.5])),
    TorchCase(code: "torch.tensor([0.00012345])", shape: [1], dtype: .float32, values: printF32([0.00012345])),
    TorchCase(code: "torch.tensor([1.0, 0.0001])", shape: [2], dtype: .float32, values: printF32([1, 0.0001])),
    TorchCase(code: "torch.tensor([[1e-5, 1.], [-2.5, 1e5]])", shape: [2, 2], dtype: .float32, values: printF32([1e-5, 1, -2.5, 1e5])),
    TorchCase(code: "torch.tensor(float('-inf'))", shape: [], dtype: .float32, values: printF32([-.infinity])),
    TorchCase(code: "torch.tensor([-0.0])", shape: [1], dtype: .float32, values: printF32([-0.0])),
    TorchCase(code: "torch.tensor(-0.0)", shape: [], dtype: .float32, values: printF32([-0.0])),
    TorchCase(code: "torch.tensor([0.5, -0.0])", shape: [2], dtype: .float32, values: printF32([0.5, -0.0])),
    TorchCase(code: "torch.full((30,), 1 / 3)", shape: [30], dtype: .float32, values: .floatFn { _ in Double(Float(1.0 / 3)) }),
    TorchCase(code: "torch.arange(24).reshape(2, 3, 4)", shape: [2, 3, 4], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.zeros(2, 2, 2, 2)", shape: [2, 2, 2, 2], dtype: .float32, values: .floatFn { _ in 0 }),
    TorchCase(code: "torch.arange(16.).reshape(1, 1, 4, 4)", shape: [1, 1, 4, 4], dtype: .float32, values: printF32Range(16)),
    TorchCase(code: "torch.ones(1, 1, 1, 1)", shape: [1, 1, 1, 1], dtype: .float32, values: .floatFn { _ in 1 }),
    TorchCase(code: "torch.arange(12.).reshape(2, 3, 2) / 4", shape: [2, 3, 2], dtype: .float32, values: printF32Range(12) { $0 / 4 }),
    TorchCase(code: "torch.ones(2, 1000)", shape: [2, 1000], dtype: .float32, values: .floatFn { _ in 1 }),
    TorchCase(code: "torch.arange(1100).reshape(10, 10, 11)", shape: [10, 10, 11], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.arange(2000) / 7", shape: [2000], dtype: .float32, values: .floatFn { Double(Float($0) / 7) }),
    TorchCase(code: "torch.ones(2, requires_grad=True)", shape: [2], dtype: .float32, values: .floatFn { _ in 1 }, grad: "requires_grad=True"),
    TorchCase(code: "torch.ones(16, requires_grad=True)", shape: [16], dtype: .float32, values: .floatFn { _ in 1 }, grad: "requires_grad=True"),
    TorchCase(code: x4 + "x * 2", shape: [4], dtype: .float32, values: printF32([0, 2, 4, 6]), grad: "grad_fn=<MulBackward0>"),
    TorchCase(code: x4 + "x.sum()", shape: [], dtype: .float32, values: printF32([6]), grad: "grad_fn=<SumBackward0>"),
    TorchCase(code: x4 + "x - 1", shape: [4], dtype: .float32, values: printF32([-1, 0, 1, 2]), grad: "grad_fn=<SubBackward0>"),
    TorchCase(code: x4 + "x / 2", shape: [4], dtype: .float32, values: printF32([0, 0.5, 1, 1.5]), grad: "grad_fn=<DivBackward0>"),
    TorchCase(code: x4 + "-x", shape: [4], dtype: .float32, values: printF32([-0.0, -1, -2, -3]), grad: "grad_fn=<NegBackward0>"),
    TorchCase(code: x4 + "2 - x", shape: [4], dtype: .float32, values: printF32([2, 1, 0, -1]), grad: "grad_fn=<RsubBackward1>"),
    TorchCase(code: x4 + "torch.dot(x, x)", shape: [], dtype: .float32, values: printF32([14]), grad: "grad_fn=<DotBackward0>"),
    TorchCase(code: x4 + "x.reshape(2, 2).T", shape: [2, 2], dtype: .float32, values: printF32([0, 2, 1, 3]), grad: "grad_fn=<PermuteBackward0>"),
    TorchCase(code: x4 + "x[0]", shape: [], dtype: .float32, values: printF32([0]), grad: "grad_fn=<SelectBackward0>"),
    TorchCase(code: x4 + "x.exp()", shape: [4], dtype: .float32, values: printF32Range(4) { Float(exp(Double($0))) }, grad: "grad_fn=<ExpBackward0>"),
    TorchCase(code: x4 + "torch.sigmoid(x)", shape: [4], dtype: .float32, values: printF32Range(4) { sig($0) }, grad: "grad_fn=<SigmoidBackward0>"),
    TorchCase(code: x4 + "torch.tanh(x)", shape: [4], dtype: .float32, values: printF32Range(4) { Float(tanh(Double($0))) }, grad: "grad_fn=<TanhBackward0>"),
    TorchCase(code: x23 + "x @ x.T", shape: [2, 2], dtype: .float32, values: printF32([5, 14, 14, 50]), grad: "grad_fn=<MmBackward0>"),
    TorchCase(code: x23 + "x * 2", shape: [2, 3], dtype: .float32, values: printF32Range(6) { $0 * 2 }, grad: "grad_fn=<MulBackward0>"),
    TorchCase(code: x4 + "y = 2 * torch.dot(x, x)\ny.backward()\nx.grad", shape: [4], dtype: .float32, values: printF32([0, 4, 8, 12])),
    TorchCase(code: "x = torch.ones(18, requires_grad=True)\nx * 2", shape: [18], dtype: .float32, values: .floatFn { _ in 2 }, grad: "grad_fn=<MulBackward0>"),
    TorchCase(code: "nn.Parameter(torch.tensor([1., 2.]))", shape: [2], dtype: .float32, values: printF32([1, 2]), grad: "requires_grad=True", parameter: true),
    TorchCase(code: "nn.Parameter(torch.ones(2), requires_grad=False)", shape: [2], dtype: .float32, values: printF32([1, 1]), parameter: true),
    TorchCase(code: linear + "net.weight", shape: [1, 2], dtype: .float32, values: printF32([1, 1]), grad: "requires_grad=True", parameter: true),
    TorchCase(code: linear + "net.bias", shape: [1], dtype: .float32, values: printF32([0]), grad: "requires_grad=True", parameter: true),
    TorchCase(code: conv + "conv(torch.ones(1, 1, 2, 3))", shape: [1, 1, 2, 2], dtype: .float32, values: printF32([0, 0, 0, 0]), grad: "grad_fn=<ConvolutionBackward0>"),
    TorchCase(code: "torch.tensor([1., 2., 4.]).mean()", shape: [], dtype: .float32, values: .floats([Double(Float(7) / 3)])),
    TorchCase(code: "torch.tensor([True, False, True])", shape: [3], dtype: .bool, values: .bools([true, false, true])),
    TorchCase(code: "torch.tensor(True)", shape: [], dtype: .bool, values: .bools([true])),
    TorchCase(code: "torch.tensor([True])", shape: [1], dtype: .bool, values: .bools([true])),
    TorchCase(code: "(torch.arange(5) > 1).sum()", shape: [], dtype: .int64, values: printI64([3])),
    TorchCase(code: "torch.arange(6).reshape(-1, 1)", shape: [6, 1], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.arange(6.).reshape(1, 6)", shape: [1, 6], dtype: .float32, values: printF32Range(6)),
    TorchCase(code: "torch.tensor([1.7, -2.7]).long()", shape: [2], dtype: .int64, values: printI64([1, -2])),
    TorchCase(code: "torch.tensor([1., 2.]).double()", shape: [2], dtype: .float64, values: printF64([1, 2])),
    TorchCase(code: "torch.tensor([1, 2]) / 2", shape: [2], dtype: .float32, values: printF32([0.5, 1])),
    TorchCase(code: "torch.arange(3, dtype=torch.float64).sum()", shape: [], dtype: .float64, values: printF64([3])),
    TorchCase(code: "torch.tensor([])", shape: [0], dtype: .float32, values: printF32([])),
    TorchCase(code: "torch.zeros(0, 3)", shape: [0, 3], dtype: .float32, values: printF32([])),
    TorchCase(code: "torch.zeros(2, 0, dtype=torch.long)", shape: [2, 0], dtype: .int64, values: printI64([])),
    TorchCase(code: "torch.zeros(0, dtype=torch.float64)", shape: [0], dtype: .float64, values: printF64([])),
    TorchCase(code: "torch.tensor([1e-10, 1.])", shape: [2], dtype: .float32, values: printF32([1e-10, 1])),
    TorchCase(code: "torch.tensor([1e10, 1.])", shape: [2], dtype: .float32, values: printF32([1e10, 1])),
    TorchCase(code: "torch.tensor([0.001, 0.5])", shape: [2], dtype: .float32, values: printF32([0.001, 0.5])),
    TorchCase(code: "torch.tensor([0.5, 400.25])", shape: [2], dtype: .float32, values: printF32([0.5, 400.25])),
    TorchCase(code: "torch.tensor([0.5, 501.])", shape: [2], dtype: .float32, values: printF32([0.5, 501])),
    TorchCase(code: "torch.tensor([100., 2e5])", shape: [2], dtype: .float32, values: printF32([100, 2e5])),
    TorchCase(code: "torch.tensor([1.25, 1e8])", shape: [2], dtype: .float32, values: printF32([1.25, 1e8])),
    TorchCase(code: "torch.tensor([-1e-5])", shape: [1], dtype: .float32, values: printF32([-1e-5])),
    TorchCase(code: "torch.tensor([3.0]) / torch.tensor([7.0])", shape: [1], dtype: .float32, values: .floats([Double(Float(3) / Float(7))])),
    TorchCase(code: "torch.arange(1000).reshape(10, 100)", shape: [10, 100], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.tensor([[1., -1.], [-1., 1.]]) * 1e-6", shape: [2, 2], dtype: .float32,
              values: .floats([1, -1, -1, 1].map { Double(Float($0) * Float(1e-6)) })),
    TorchCase(code: "torch.eye(3)", shape: [3, 3], dtype: .float32, values: .floatFn { $0 % 4 == 0 ? 1 : 0 }),
    TorchCase(code: "torch.tensor([[0.1, 20.], [300., 4000.]])", shape: [2, 2], dtype: .float32, values: printF32([0.1, 20, 300, 4000])),
    TorchCase(code: "torch.arange(100)", shape: [100], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.tensor(0.0001)", shape: [], dtype: .float32, values: printF32([0.0001])),
    TorchCase(code: "torch.tensor(123.456)", shape: [], dtype: .float32, values: printF32([123.456])),
    TorchCase(code: "torch.tensor([1e8])", shape: [1], dtype: .float32, values: printF32([1e8])),
    TorchCase(code: "torch.tensor([2e8])", shape: [1], dtype: .float32, values: printF32([2e8])),
    TorchCase(code: "torch.tensor([0.99999])", shape: [1], dtype: .float32, values: printF32([0.99999])),
    TorchCase(code: "torch.tensor([0.12345, 1.])", shape: [2], dtype: .float32, values: printF32([0.12345, 1])),
    TorchCase(code: "torch.tensor([0.00125, 1.])", shape: [2], dtype: .float32, values: printF32([0.00125, 1])),
    TorchCase(code: "torch.tensor([0.03125, 1.])", shape: [2], dtype: .float32, values: printF32([0.03125, 1])),
    TorchCase(code: "torch.tensor([1e-100, 1.], dtype=torch.float64)", shape: [2], dtype: .float64, values: printF64([1e-100, 1])),
    TorchCase(code: "torch.tensor([[1e-100, -1.]], dtype=torch.float64)", shape: [1, 2], dtype: .float64, values: printF64([1e-100, -1])),
    TorchCase(code: "torch.arange(1000)[-5:]", shape: [5], dtype: .int64, values: .intFn { Int64(995 + $0) }),
    TorchCase(code: "torch.ones(17, dtype=torch.float64) * 2", shape: [17], dtype: .float64, values: .floatFn { _ in 2 }),
    TorchCase(code: "torch.tensor([[0.5, 1.5]] * 3, requires_grad=True).sum(dim=1, keepdim=True)", shape: [3, 1], dtype: .float32,
              values: printF32([2, 2, 2]), grad: "grad_fn=<SumBackward1>"),
    TorchCase(code: "x = torch.tensor(2., requires_grad=True)\ny = x ** 3\ny.backward()\nx.grad", shape: [], dtype: .float32, values: printF32([12])),
    TorchCase(code: "torch.tensor([-1.5, 0., 2.25]).abs()", shape: [3], dtype: .float32, values: printF32([1.5, 0, 2.25])),
    TorchCase(code: "torch.tensor([[-0.5, 0.25], [1., -2.]]) * 0", shape: [2, 2], dtype: .float32, values: printF32([-0.0, 0, 0, -0.0])),
    TorchCase(code: "torch.tensor([1., 2., 3.]) * torch.tensor([0., -1., 1.])", shape: [3], dtype: .float32, values: printF32([0, -2, 3])),
    TorchCase(code: "-torch.zeros(3)", shape: [3], dtype: .float32, values: printF32([-0.0, -0.0, -0.0])),
    TorchCase(code: "torch.tensor([123456.7, 0.25])", shape: [2], dtype: .float32, values: printF32([123456.7, 0.25])),
    TorchCase(code: "torch.tensor([5e-5, 0.])", shape: [2], dtype: .float32, values: printF32([5e-5, 0])),
    TorchCase(code: "torch.tensor(7) / 2", shape: [], dtype: .float32, values: printF32([3.5])),
    TorchCase(code: "torch.arange(1, 7).reshape(2, 3) * 1000000", shape: [2, 3], dtype: .int64, values: .intFn { Int64($0 + 1) * 1_000_000 }),
    TorchCase(code: "torch.tensor([1234567890123, -5])", shape: [2], dtype: .int64, values: printI64([1_234_567_890_123, -5])),
    TorchCase(code: "torch.tensor([3.5]).int()", shape: [1], dtype: .int32, values: printI64([3])),
    TorchCase(code: "torch.ones(1, 2, 1, 3)", shape: [1, 2, 1, 3], dtype: .float32, values: .floatFn { _ in 1 }),
    TorchCase(code: "torch.tensor([[[1., 2.5]]]).squeeze(0)", shape: [1, 2], dtype: .float32, values: printF32([1, 2.5])),
    TorchCase(code: "torch.tensor([0.1, 100.])", shape: [2], dtype: .float32, values: printF32([0.1, 100])),
    TorchCase(code: "torch.tensor([0.7, 700.])", shape: [2], dtype: .float32, values: printF32([0.7, 700])),
    TorchCase(code: "torch.tensor([1 / 3, 1000 / 3])", shape: [2], dtype: .float32, values: printF32([1.0 / 3, 1000.0 / 3])),
    TorchCase(code: "torch.tensor([0.0001], dtype=torch.float64)", shape: [1], dtype: .float64, values: printF64([0.0001])),
    TorchCase(code: "torch.tensor([1e-5, float('nan')])", shape: [2], dtype: .float32, values: printF32([1e-5, .nan])),
    TorchCase(code: "torch.tensor([1e-5, float('-inf'), 1.])", shape: [3], dtype: .float32, values: printF32([1e-5, -.infinity, 1])),
    TorchCase(code: "torch.tensor([float('inf'), float('nan')])", shape: [2], dtype: .float32, values: printF32([.infinity, .nan])),
    TorchCase(code: "torch.ones(1001, dtype=torch.bool)", shape: [1001], dtype: .bool, values: .boolFn { _ in true }),
    TorchCase(code: "torch.arange(-1000, 1001)", shape: [2001], dtype: .int64, values: .intFn { Int64($0 - 1000) }),
    TorchCase(code: "torch.arange(19)", shape: [19], dtype: .int64, values: .intFn { Int64($0) }),
    TorchCase(code: "torch.arange(18) + 10", shape: [18], dtype: .int64, values: .intFn { Int64($0 + 10) }),
    TorchCase(code: "torch.zeros(3, 2000)", shape: [3, 2000], dtype: .float32, values: .floatFn { _ in 0 }),
    TorchCase(code: "torch.tensor([2.5, 3.5]).round()", shape: [2], dtype: .float32, values: printF32([2, 4])),
    TorchCase(code: x16 + "x.max()", shape: [], dtype: .float32, values: printF32([6]), grad: "grad_fn=<MaxBackward1>"),
    TorchCase(code: x16 + "torch.cat((x, x), dim=0)", shape: [4, 3], dtype: .float32, values: printF32([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]),
              grad: "grad_fn=<CatBackward0>"),
    TorchCase(code: x16 + "x.unsqueeze(0)", shape: [1, 2, 3], dtype: .float32, values: printF32([1, 2, 3, 4, 5, 6]), grad: "grad_fn=<UnsqueezeBackward0>"),
    TorchCase(code: "import torch.nn.functional as F\n" + x16 + "F.cross_entropy(x, torch.tensor([0, 2]))", shape: [], dtype: .float32,
              values: printF32([1.4076059644443801]), grad: "grad_fn=<NllLossBackward0>"),
    TorchCase(code: x16 + "y = x.clone()\ny[0, 0] = 5.\ny", shape: [2, 3], dtype: .float32, values: printF32([5, 2, 3, 4, 5, 6]), grad: "grad_fn=<CopySlices>"),
    TorchCase(code: conv + "X = torch.ones(1, 1, 2, 4)\nX[:, :, :, 2] = 0\nconv(X)", shape: [1, 1, 2, 3], dtype: .float32,
              values: printF32([0, 1, -1, 0, 1, -1]), grad: "grad_fn=<ConvolutionBackward0>"),
    TorchCase(code: "torch.tensor(1.) / 3", shape: [], dtype: .float32, values: .floats([Double(Float(1) / 3)])),
    TorchCase(code: "torch.softmax(torch.tensor([1., 2., 3.]), dim=0)", shape: [3], dtype: .float32, values: printF32([0.09003057, 0.24472847, 0.66524096])),
]

@Suite struct TorchPrinterGoldenTests {
    @Test(arguments: torchGoldenCases)
    func golden(_ row: TorchCase) {
        let expected = PrintingFixtures.torch[row.code]
        #expect(expected != nil, "no golden for \(row.code)")
        let got = TorchPrinter.repr(shape: row.shape, dtype: row.dtype, elements: row.values.elements,
                                    gradSuffix: row.grad, isParameter: row.parameter, options: .default)
        #expect(got == expected)
    }
}
