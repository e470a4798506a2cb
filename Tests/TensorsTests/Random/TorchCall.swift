import Tensors

/// One PyTorch call of the golden data, replayed on a `TorchGenerator`.
enum TorchCall: Sendable, Hashable {
    case rand(Int)
    case randn(Int)
    /// `torch.empty(n).uniform_(from, to)`
    case uniform(Int, Double, Double)
    /// `torch.empty(n).normal_(mean, std)`
    case normal(Int, Double, Double)
    case randint(low: Int64, high: Int64, count: Int)
    case randperm(Int)
    /// `nn.Conv2d(inChannels, outChannels, (kh, kw), bias:)`: outputs weight, then bias if present.
    case conv2d(inChannels: Int, outChannels: Int, kh: Int, kw: Int, bias: Bool)
    /// `nn.Linear(inFeatures, outFeatures)`: outputs weight, then bias.
    case linear(inFeatures: Int, outFeatures: Int)

    enum Output: Equatable {
        case floats([Float])
        case ints([Int64])
    }

    /// Runs the call and returns its tensors' values in order (two for layers with a bias).
    func run(on generator: TorchGenerator) -> [Output] {
        switch self {
        case .rand(let n):
            [.floats(fill(n) { generator.uniform($0, from: 0, to: 1) })]
        case .randn(let n):
            [.floats(fill(n) { generator.normal($0, mean: 0, std: 1, contiguous: true) })]
        case .uniform(let n, let from, let to):
            [.floats(fill(n) { generator.uniform($0, from: from, to: to) })]
        case .normal(let n, let mean, let std):
            [.floats(fill(n) { generator.normal($0, mean: mean, std: std, contiguous: true) })]
        case .randint(let low, let high, let count):
            [.ints(fillInts(count) { try? generator.randint($0, low: low, high: high) })]
        case .randperm(let n):
            [.ints(fillInts(n) { generator.randperm($0) })]
        case .conv2d(let inChannels, let outChannels, let kh, let kw, let bias):
            layer(generator, weightCount: outChannels * inChannels * kh * kw,
                  biasCount: bias ? outChannels : nil, fanIn: inChannels * kh * kw)
        case .linear(let inFeatures, let outFeatures):
            layer(generator, weightCount: outFeatures * inFeatures, biasCount: outFeatures, fanIn: inFeatures)
        }
    }

    private func layer(_ generator: TorchGenerator, weightCount: Int, biasCount: Int?, fanIn: Int) -> [Output] {
        var weight = [Float](repeating: .nan, count: weightCount)
        var bias = [Float](repeating: .nan, count: biasCount ?? 0)
        weight.withUnsafeMutableBufferPointer { w in
            bias.withUnsafeMutableBufferPointer { b in
                generator.initializeLayer(weight: w, bias: biasCount == nil ? nil : b, fanIn: fanIn)
            }
        }
        return biasCount == nil ? [.floats(weight)] : [.floats(weight), .floats(bias)]
    }

    private func fill(_ n: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var values = [Float](repeating: .nan, count: n)
        values.withUnsafeMutableBufferPointer { body($0) }
        return values
    }

    private func fillInts(_ n: Int, _ body: (UnsafeMutableBufferPointer<Int64>) -> Void) -> [Int64] {
        var values = [Int64](repeating: -1, count: n)
        values.withUnsafeMutableBufferPointer { body($0) }
        return values
    }

    /// The calls behind each `code` string of `golden/torch-rng.json`, parsed by hand.
    static let goldenCodes: [String: [TorchCall]] = {
        var table: [String: [TorchCall]] = [
            "torch.rand((1, 2))": [.rand(2)],
            "torch.randn((1, 2))": [.randn(2)],
            "torch.randn(1)  # then torch.randn(1) again": [.randn(1), .randn(1)],
            "torch.randn((1, 2)); torch.randn(1)  (two calls, in order)": [.randn(2), .randn(1)],
            "torch.rand(3); torch.randn(20); torch.rand(2)  (three calls, in order)": [.rand(3), .randn(20), .rand(2)],
            "torch.randn(4, 5)": [.randn(20)],
            "torch.randn(2, 3, 5, 5)": [.randn(150)],
            "torch.empty(10).uniform_(-0.5, 0.5)": [.uniform(10, -0.5, 0.5)],
            "torch.empty(20).normal_(1.0, 2.0)": [.normal(20, 1.0, 2.0)],
            "torch.randint(0, 10, (12,))": [.randint(low: 0, high: 10, count: 12)],
            "nn.Conv2d(1, 1, kernel_size=(1, 2))  -> weight, bias":
                [.conv2d(inChannels: 1, outChannels: 1, kh: 1, kw: 2, bias: true)],
            "nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)  -> weight":
                [.conv2d(inChannels: 1, outChannels: 1, kh: 1, kw: 2, bias: false)],
            "nn.Conv2d(1, 6, kernel_size=5, padding=2)  -> weight, bias":
                [.conv2d(inChannels: 1, outChannels: 6, kh: 5, kw: 5, bias: true)],
            "nn.Conv2d(6, 16, kernel_size=5)  -> weight, bias":
                [.conv2d(inChannels: 6, outChannels: 16, kh: 5, kw: 5, bias: true)],
            "nn.Linear(16 * 5 * 5, 120)  -> weight, bias": [.linear(inFeatures: 400, outFeatures: 120)],
            "nn.Linear(84, 10)  -> weight, bias": [.linear(inFeatures: 84, outFeatures: 10)],
        ]
        for n in [1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 100] {
            table["torch.rand(\(n))"] = [.rand(n)]
            table["torch.randn(\(n))"] = [.randn(n)]
        }
        return table
    }()
}
