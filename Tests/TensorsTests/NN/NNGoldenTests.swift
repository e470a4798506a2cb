import Foundation
import Testing
@testable import Tensors

/// One case of Tests/Fixtures/golden/torch-grad.json (output and d(sum(output * R))/d(input)).
struct NNGoldenCase: Sendable, CustomStringConvertible {
    let name: String
    let expr: String
    let inputs: [String: NNGoldenInput]
    let outputShape: [Int]
    let output: [Double]
    let r: [Double]
    let grads: [String: [Double]]
    var description: String { name }
}

struct NNGoldenInput: Sendable {
    let shape: [Int]
    let dtype: String
    let values: [Double]
}

/// The NN cases of the fixture, by name.
func loadNNGoldenCases() -> [NNGoldenCase] {
    let url = fixturesURL().appendingPathComponent("golden/torch-grad.json")
    guard let data = try? Data(contentsOf: url),
          let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let cases = root["cases"] as? [[String: Any]] else { return [] }
    func doubles(_ any: Any?) -> [Double] {
        (any as? [Any] ?? []).map { ($0 as? Double) ?? Double(($0 as? Int) ?? 0) }
    }
    return cases.compactMap { c in
        guard let name = c["name"] as? String, nnGoldenExpressions[name] != nil,
              let ins = c["inputs"] as? [String: [String: Any]], let out = c["output"] as? [String: Any] else { return nil }
        var inputs: [String: NNGoldenInput] = [:]
        for (k, v) in ins {
            inputs[k] = NNGoldenInput(shape: (v["shape"] as? [Int]) ?? [], dtype: (v["dtype"] as? String) ?? "float32",
                                      values: doubles(v["values"]))
        }
        var grads: [String: [Double]] = [:]
        for (k, v) in (c["grads"] as? [String: Any]) ?? [:] { grads[k] = doubles(v) }
        return NNGoldenCase(name: name, expr: (c["expr"] as? String) ?? "", inputs: inputs,
                            outputShape: (out["shape"] as? [Int]) ?? [], output: doubles(out["values"]),
                            r: doubles(c["R"]), grads: grads)
    }
}

/// Each fixture expression (its `expr` field) rebuilt with the NN API.
let nnGoldenExpressions: [String: @Sendable ([String: Tensor]) throws -> Tensor] = [
    // F.conv2d(x, w)
    "conv2d_basic": { v in try NN.conv2d(v["x"]!, weight: v["w"]!) },
    // F.conv2d(x, w, bias)
    "conv2d_bias": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, bias: v["bias"]!) },
    // F.conv2d(x, w, stride=2, padding=1)
    "conv2d_pad_stride": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, stride: (2, 2), padding: .explicit(1, 1)) },
    // F.conv2d(x, w, stride=(3, 4), padding=(0, 1))
    "conv2d_rect": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, stride: (3, 4), padding: .explicit(0, 1)) },
    // F.conv2d(x, w, dilation=2, padding=2)
    "conv2d_dilation": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, padding: .explicit(2, 2), dilation: (2, 2)) },
    // F.conv2d(x, w, groups=2)
    "conv2d_groups": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, groups: 2) },
    // F.conv2d(x, w, padding='same')
    "conv2d_same": { v in try NN.conv2d(v["x"]!, weight: v["w"]!, padding: .same) },
    // F.max_pool2d(x, 2)
    "max_pool2d": { v in try NN.maxPool2d(v["x"]!, kernelSize: (2, 2)) },
    // F.max_pool2d(x, 3, stride=2, padding=1)
    "max_pool2d_pad_stride": { v in try NN.maxPool2d(v["x"]!, kernelSize: (3, 3), stride: (2, 2), padding: (1, 1)) },
    // F.avg_pool2d(x, 2, stride=2)
    "avg_pool2d": { v in try NN.avgPool2d(v["x"]!, kernelSize: (2, 2), stride: (2, 2)) },
    // F.adaptive_avg_pool2d(x, (1, 1))
    "adaptive_avg_pool2d": { v in try NN.adaptiveAvgPool2d(v["x"]!, outputSize: (1, 1)) },
    // F.pad(x, (1, 2, 0, 1))
    "pad": { v in try NN.pad(v["x"]!, [1, 2, 0, 1]) },
    // torch.softmax(a, dim=1)
    "softmax": { v in try NN.softmax(v["a"]!, dim: 1) },
    // F.log_softmax(a, dim=1)
    "log_softmax": { v in try NN.logSoftmax(v["a"]!, dim: 1) },
    // F.cross_entropy(a, t)
    "cross_entropy": { v in try NN.crossEntropy(v["a"]!, v["t"]!) },
    // F.mse_loss(a, b)
    "mse_loss": { v in try NN.mseLoss(v["a"]!, v["b"]!) },
    // F.linear(x, w, bias)
    "linear": { v in try NN.linear(v["x"]!, weight: v["w"]!, bias: v["bias"]!) },
    // F.linear(x.flatten(1), w)
    "flatten_linear": { v in try NN.linear(try v["x"]!.flatten(startDim: 1), weight: v["w"]!) },
]

/// The grad_fn PyTorch gives each case's output.
let nnGoldenGradFns: [String: String] = [
    "conv2d_basic": "ConvolutionBackward0", "conv2d_bias": "ConvolutionBackward0",
    "conv2d_pad_stride": "ConvolutionBackward0", "conv2d_rect": "ConvolutionBackward0",
    "conv2d_dilation": "ConvolutionBackward0", "conv2d_groups": "ConvolutionBackward0",
    "conv2d_same": "ConvolutionBackward0", "max_pool2d": "MaxPool2DWithIndicesBackward0",
    "max_pool2d_pad_stride": "MaxPool2DWithIndicesBackward0", "avg_pool2d": "AvgPool2DBackward0",
    "adaptive_avg_pool2d": "MeanBackward1", "pad": "ConstantPadNdBackward0", "softmax": "SoftmaxBackward0",
    "log_softmax": "LogSoftmaxBackward0", "cross_entropy": "NllLossBackward0", "mse_loss": "MseLossBackward0",
    "linear": "AddmmBackward0", "flatten_linear": "MmBackward0",
]

@Suite("NN golden outputs and gradients (torch-grad.json)")
struct NNGoldenTests {
    @Test("every NN case of the fixture is present")
    func coverage() {
        let names = Set(loadNNGoldenCases().map(\.name))
        #expect(names == Set(nnGoldenExpressions.keys))
    }

    @Test("output, grad_fn and gradients match PyTorch", arguments: loadNNGoldenCases())
    func golden(_ c: NNGoldenCase) throws {
        let expr = try #require(nnGoldenExpressions[c.name])
        var inputs: [String: Tensor] = [:]
        for (name, spec) in c.inputs {
            if spec.dtype == "int64" {
                inputs[name] = try Tensor(shape: spec.shape, ints: spec.values.map { Int($0) })
            } else {
                let x = try Tensor(shape: spec.shape, floats: spec.values.map { Float($0) })
                try x.requiresGrad_()
                inputs[name] = x
            }
        }
        let out = try expr(inputs)
        #expect(out.shape == c.outputShape, "shape of \(c.name)")
        #expect(out.gradFn?.name == nnGoldenGradFns[c.name], "grad_fn of \(c.name) (\(c.expr))")
        #expect(close(out.toDoubles(), c.output), "output of \(c.name)")
        let r = try Tensor(shape: c.outputShape, floats: c.r.map { Float($0) })
        try Tensor.mul(.tensor(out), .tensor(r)).sum().backward()
        for (name, expected) in c.grads {
            let g = try #require(inputs[name]?.grad, "missing grad for \(name) in \(c.name)")
            #expect(g.shape == inputs[name]?.shape)
            #expect(close(g.toDoubles(), expected), "grad \(name) of \(c.name)")
        }
    }

    @Test("float64 inputs give the same results", arguments: loadNNGoldenCases())
    func goldenDouble(_ c: NNGoldenCase) throws {
        let expr = try #require(nnGoldenExpressions[c.name])
        var inputs: [String: Tensor] = [:]
        for (name, spec) in c.inputs {
            if spec.dtype == "int64" {
                inputs[name] = try Tensor(shape: spec.shape, ints: spec.values.map { Int($0) })
            } else {
                let x = try Tensor(shape: spec.shape, doubles: spec.values)
                try x.requiresGrad_()
                inputs[name] = x
            }
        }
        let out = try expr(inputs)
        #expect(out.dtype == .float64)
        #expect(close(out.toDoubles(), c.output, rel: 1e-4, abs: 1e-5), "output of \(c.name)")
        let r = try Tensor(shape: c.outputShape, doubles: c.r)
        try Tensor.mul(.tensor(out), .tensor(r)).sum().backward()
        for (name, expected) in c.grads {
            let g = try #require(inputs[name]?.grad)
            #expect(g.dtype == .float64)
            #expect(close(g.toDoubles(), expected, rel: 1e-4, abs: 1e-5), "grad \(name) of \(c.name)")
        }
    }
}
