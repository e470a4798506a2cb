import Testing
import Tensors

/// Examples from the tensor-repr spec (§1) that are not in torch-repr.json, plus options and laziness.
@Suite struct TorchPrinterSpecTests {
    private static func repr(_ shape: [Int], _ dtype: DType, _ values: PrintTestValues, grad: String? = nil,
                             options: TorchPrintOptions = .default) -> String {
        TorchPrinter.repr(shape: shape, dtype: dtype, elements: values.elements, gradSuffix: grad,
                          isParameter: false, options: options)
    }

    @Test(arguments: [
        ("int-width", "tensor([100000,      1,     -7])", [3], DType.int64, printI64([100_000, 1, -7])),
        ("nan-int-mode", "tensor([1., nan, -inf])", [3], .float32, printF32([1, .nan, -.infinity])),
        ("nan-fixed", "tensor([1.5000,    nan,    inf])", [3], .float32, printF32([1.5, .nan, .infinity])),
        ("zero-nan", "tensor([0., nan])", [2], .float32, printF32([0, .nan])),
        ("zero-d-big", "tensor(1234567.)", [], .float32, printF32([1_234_567])),
        ("zero-d-nan", "tensor(nan)", [], .float32, printF32([.nan])),
        ("zero-d-zero", "tensor(0.)", [], .float32, printF32([0])),
        ("zero-d-f64", "tensor(3., dtype=torch.float64)", [], .float64, printF64([3])),
        ("sci-neg", "tensor([-2.5000e+00,  1.0000e-05])", [2], .float32, printF32([-2.5, 1e-5])),
        ("sci-negzero", "tensor([-0.0000e+00, 1.0000e-05])", [2], .float32, printF32([-0.0, 1e-5])),
        ("negative-nan-bits", "tensor([nan, 1.])", [2], .float32, .floats([-Double.nan, 1])),
        ("bool-empty", "tensor([], dtype=torch.bool)", [0], .bool, .bools([])),
        ("int64-empty", "tensor([], dtype=torch.int64)", [0], .int64, printI64([])),
        ("uint8", "tensor([  0, 255], dtype=torch.uint8)", [2], .uint8, printI64([0, 255])),
        ("int16", "tensor([-3], dtype=torch.int16)", [1], .int16, printI64([-3])),
        ("bool-summary", "tensor([True, True, True,  ..., True, True, True])", [1001], .bool, .boolFn { _ in true }),
        ("empty-3d", "tensor([], size=(2, 0, 3))", [2, 0, 3], .float32, printF32([])),
    ] as [(String, String, [Int], DType, PrintTestValues)])
    func examples(_ id: String, _ expected: String, _ shape: [Int], _ dtype: DType, _ values: PrintTestValues) {
        #expect(Self.repr(shape, dtype, values) == expected, "\(id)")
    }

    @Test func emptyRequiresGrad() {
        #expect(Self.repr([0], .float32, printF32([]), grad: "requires_grad=True") == "tensor([], requires_grad=True)")
    }

    /// Several suffixes land on different lines; after a wrap the running length restarts at 7.
    @Test func suffixWrapping() {
        let got = Self.repr([17], .float64, .floatFn { _ in 2 }, grad: "grad_fn=<MulBackward0>")
        #expect(got == "tensor([2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2., 2.],\n"
            + "       dtype=torch.float64, grad_fn=<MulBackward0>)")
        // 16 ones: last line is 71 long, 71 + 18 + 4 > 80.
        let ones = Self.repr([16], .float32, .floatFn { _ in 1 }, grad: "requires_grad=True")
        #expect(ones.hasSuffix("1.],\n       requires_grad=True)"))
        // 12 ones: 55 + 18 + 4 <= 80 stays on the line; 15 ones: 67 + 18 + 4 > 80 wraps.
        let twelve = Self.repr([12], .float32, .floatFn { _ in 1 }, grad: "requires_grad=True")
        #expect(twelve.hasSuffix("1.], requires_grad=True)"))
        let fifteen = Self.repr([15], .float32, .floatFn { _ in 1 }, grad: "requires_grad=True")
        #expect(fifteen.hasSuffix("1.],\n       requires_grad=True)"))
    }

    @Test func parameterLine() {
        let got = TorchPrinter.repr(shape: [], dtype: .float32, elements: printF32([3]).elements,
                                    gradSuffix: "requires_grad=True", isParameter: true, options: .default)
        #expect(got == "Parameter containing:\ntensor(3., requires_grad=True)")
    }

    @Test func options() {
        #expect(Self.repr([3], .float32, printF32([0.5, 1.25, 2]), options: .short) == "tensor([0.50, 1.25, 2.00])")
        #expect(Self.repr([2000], .int64, .intFn { Int64($0) }, options: .short) == "tensor([   0,    1,  ..., 1998, 1999])")
        #expect(Self.repr([2], .float32, printF32([0.5, 1]), options: TorchPrintOptions(sciMode: true))
            == "tensor([5.0000e-01, 1.0000e+00])")
        #expect(Self.repr([2], .float32, printF32([1, 1001]), options: TorchPrintOptions(sciMode: false))
            == "tensor([        1.,      1001.])")  // forced mode keeps the automatic (sci) width
        #expect(Self.repr([1001], .int64, .intFn { Int64($0) }, options: .full).hasSuffix("999, 1000])"))
        #expect(TorchPrintOptions.profile(named: "short") == .short)
        #expect(TorchPrintOptions.profile(named: "nope") == nil)
        // linewidth 40, width 2: per line floor((40 - 7) / 4) = 8.
        #expect(Self.repr([12], .int64, .intFn { Int64($0) }, options: TorchPrintOptions(linewidth: 40))
            == "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,\n         8,  9, 10, 11])")
    }

    /// Only shown elements are read, so a 10^8-element tensor prints instantly.
    @Test func readsOnlyShownElements() {
        var reads = 0
        let elements = PrintElements.floating { i in reads += 1; return Double(i % 7) }
        let got = TorchPrinter.repr(shape: [10_000, 10_000], dtype: .float32, elements: elements, gradSuffix: nil,
                                    isParameter: false, options: .default)
        #expect(reads == 36)
        #expect(got.hasPrefix("tensor([[0., 1., 2.,  ..., 1., 2., 3.],\n        [4., 5., 6.,  ..., 5., 6., 0.],"))
        var npReads = 0
        let np = PrintElements.floating { i in npReads += 1; return Double(i % 7) }
        _ = NumpyPrinter.body113(shape: [10_000, 10_000], elements: np)
        #expect(npReads == 36)
    }
}
