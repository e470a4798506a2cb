import Testing
import Tensors

/// One mxnet-repr.json case (numpy 1.13 output), keyed by its code (import line removed).
struct NDArrayCase: Sendable, CustomTestStringConvertible {
    let code: String
    let shape: [Int]
    let values: PrintTestValues
    var float64: Bool = false
    /// Text printed before the repr (for `print('result:', x)`), if any.
    var lead: String = ""
    var testDescription: String { code }
}

private let mxConv = "X = nd.array([[0, 1, 2], [3, 4, 5], [6, 7, 8]])\nK = nd.array([[0, 1], [2, 3]])\nY = nd.zeros((2, 2))\n"
    + "for i in range(2):\n    for j in range(2):\n        Y[i, j] = (X[i:i + 2, j:j + 2] * K).sum()\nY"
private let mxGrad = "x = nd.arange(4).reshape((4, 1))\nfrom mxnet import autograd\nx.attach_grad()\n"
    + "with autograd.record():\n    y = 2 * nd.dot(x.T, x)\ny.backward()\nx.grad"

let ndarrayGoldenCases: [NDArrayCase] = [
    NDArrayCase(code: "nd.array([[19, 25], [37, 43]])", shape: [2, 2], values: printF32([19, 25, 37, 43])),
    NDArrayCase(code: "print(nd.array([[19, 25], [37, 43]]))", shape: [2, 2], values: printF32([19, 25, 37, 43])),
    NDArrayCase(code: "nd.array([[0.5, 1.25]])", shape: [1, 2], values: printF32([0.5, 1.25])),
    NDArrayCase(code: "nd.array([[1.1, 2.2]])", shape: [1, 2], values: printF32([1.1, 2.2])),
    NDArrayCase(code: "nd.array([[0.1, -2.5]])", shape: [1, 2], values: printF32([0.1, -2.5])),
    NDArrayCase(code: "nd.array([[1/3, 2/3]])", shape: [1, 2], values: printF32([1.0 / 3, 2.0 / 3])),
    NDArrayCase(code: "nd.array([1, 2, 3])", shape: [3], values: printF32([1, 2, 3])),
    NDArrayCase(code: "nd.arange(12).reshape((3, 4))", shape: [3, 4], values: printF32Range(12)),
    NDArrayCase(code: "nd.arange(24).reshape((2, 3, 4))", shape: [2, 3, 4], values: printF32Range(24)),
    NDArrayCase(code: "nd.array([1, 2], dtype='int32')", shape: [2], values: printI64([1, 2])),
    NDArrayCase(code: "nd.array([[-1, 2], [3, -40]])", shape: [2, 2], values: printF32([-1, 2, 3, -40])),
    NDArrayCase(code: "nd.zeros((2, 3))", shape: [2, 3], values: .floatFn { _ in 0 }),
    NDArrayCase(code: "nd.ones((1, 1, 2, 2))", shape: [1, 1, 2, 2], values: .floatFn { _ in 1 }),
    NDArrayCase(code: "nd.array([1, 2, 3]).sum()", shape: [1], values: printF32([6])),
    NDArrayCase(code: "nd.array([1e-5, 1e5])", shape: [2], values: printF32([1e-5, 1e5])),
    NDArrayCase(code: "nd.array([1.5, 1e8])", shape: [2], values: printF32([1.5, 1e8])),
    NDArrayCase(code: "nd.arange(2000)", shape: [2000], values: .floatFn { Double($0) }),
    NDArrayCase(code: "nd.arange(40) / 3", shape: [40], values: printF32Range(40) { $0 / 3 }),
    NDArrayCase(code: "nd.array([1.0, float('nan'), float('inf')])", shape: [3], values: printF32([1, .nan, .infinity])),
    NDArrayCase(code: "nd.array([-0.0, 1.0])", shape: [2], values: printF32([-0.0, 1])),
    NDArrayCase(code: "nd.array([])", shape: [0], values: printF32([])),
    NDArrayCase(code: "nd.array([[1, 2]]).T", shape: [2, 1], values: printF32([1, 2])),
    NDArrayCase(code: "nd.array([5])", shape: [1], values: printF32([5])),
    NDArrayCase(code: "nd.array([1, 2, 3]) > 1", shape: [3], values: printF32([0, 1, 1])),
    NDArrayCase(code: "nd.array([0.5, 1, 2]).astype('float64')", shape: [3], values: printF64([0.5, 1, 2]), float64: true),
    NDArrayCase(code: mxGrad, shape: [4, 1], values: printF32([0, 4, 8, 12])),
    NDArrayCase(code: "print('result:', nd.array([1, 2]))", shape: [2], values: printF32([1, 2]), lead: "result: "),
    NDArrayCase(code: "nd.array([[0.5, 1.25], [3.0, -7.75]])", shape: [2, 2], values: printF32([0.5, 1.25, 3, -7.75])),
    NDArrayCase(code: "nd.array([0.001, 0.5])", shape: [2], values: printF32([0.001, 0.5])),
    NDArrayCase(code: "nd.arange(20).reshape((2, 10)) * 1000", shape: [2, 10], values: printF32Range(20) { $0 * 1000 }),
    NDArrayCase(code: mxConv, shape: [2, 2], values: printF32([19, 25, 37, 43])),
    NDArrayCase(code: "nd.array([[1.0, 2.0]]) / 3", shape: [1, 2], values: .floats([Double(Float(1) / 3), Double(Float(2) / 3)])),
    NDArrayCase(code: "nd.array([[1, 2]]) * 0.1", shape: [1, 2], values: .floats([Double(Float(1) * Float(0.1)), Double(Float(2) * Float(0.1))])),
    NDArrayCase(code: "nd.array([100, 0.5])", shape: [2], values: printF32([100, 0.5])),
    NDArrayCase(code: "nd.arange(2000).reshape((2, 1000))", shape: [2, 1000], values: .floatFn { Double($0) }),
    NDArrayCase(code: "nd.array([1, 2, 3], dtype='int64')", shape: [3], values: printI64([1, 2, 3])),
    NDArrayCase(code: "nd.norm(nd.array([3, 4]))", shape: [1], values: printF32([5])),
]

@Suite struct NumpyPrinterGoldenTests {
    @Test(arguments: ndarrayGoldenCases)
    func golden(_ row: NDArrayCase) {
        let expected = PrintingFixtures.mxnet113[row.code]
        #expect(expected != nil, "no golden for \(row.code)")
        let got = row.lead + NumpyPrinter.ndarrayRepr(shape: row.shape, elements: row.values.elements, float64: row.float64)
        #expect(got == expected)
    }

    /// `str(nd.array([1, 2]))` echoes the string's repr, built from the same body.
    @Test func strOfNDArray() {
        let repr = NumpyPrinter.ndarrayRepr(shape: [2], elements: printF32([1, 2]).elements)
        #expect(PrintingFixtures.mxnet113["str(nd.array([1, 2]))"] == "'" + repr.replacingOccurrences(of: "\n", with: "\\n") + "'")
    }

    /// Examples from the spec's §3.2 table and §3.3 text.
    @Test(arguments: [
        ("[[ 19.  25.]\n [ 37.  43.]]", [2, 2], printF32([19, 25, 37, 43])),
        ("[[ 0.5   1.25]]", [1, 2], printF32([0.5, 1.25])),
        ("[  9.99999975e-06   1.00000000e+05]", [2], printF32([1e-5, 1e5])),
        // Not exponential in numpy (float32 ratio), unlike torch; layout derived from the §3.3 rules.
        ("[   0.69999999  700.        ]", [2], printF32([0.7, 700])),
        ("[[ -1.   2.]\n [  3. -40.]]", [2, 2], printF32([-1, 2, 3, -40])),
    ] as [(String, [Int], PrintTestValues)])
    func specExamples(_ expected: String, _ shape: [Int], _ values: PrintTestValues) {
        #expect(NumpyPrinter.body113(shape: shape, elements: values.elements) == expected)
    }
}
