import Testing
@testable import Tensors

/// One case of `golden/torch-rng.json`: `values[k]` is the k-th tensor the code produced.
struct TorchGoldenCase: Sendable, CustomTestStringConvertible {
    let seed: UInt64
    let code: String
    let values: [[Double]]
    var testDescription: String { "seed \(seed): \(code)" }

    /// All cases of the golden file; empty if it cannot be read (checked by `goldenFileIsComplete`).
    static func load() -> [TorchGoldenCase] {
        guard let root = RandomFixtures.json("golden/torch-rng.json") as? [String: Any],
              let cases = root["cases"] as? [[String: Any]] else { return [] }
        return cases.compactMap { item in
            guard let seed = item["seed"] as? Int, let code = item["code"] as? String,
                  let values = item["values"] as? [[Double]] else { return nil }
            return TorchGoldenCase(seed: UInt64(bitPattern: Int64(seed)), code: code, values: values)
        }
    }
}

@Suite("TorchGenerator golden")
struct TorchGoldenTests {
    @Test("the golden file parses and every code is known")
    func goldenFileIsComplete() {
        let cases = TorchGoldenCase.load()
        #expect(cases.count == 76)
        let unknown = cases.filter { TorchCall.goldenCodes[$0.code] == nil }.map(\.code)
        #expect(unknown.isEmpty, "unparsed codes: \(unknown)")
    }

    @Test("torch-rng.json, bit for bit", arguments: TorchGoldenCase.load())
    func golden(_ golden: TorchGoldenCase) throws {
        let calls = try #require(TorchCall.goldenCodes[golden.code])
        let generator = TorchGenerator(seed: golden.seed)
        let outputs = calls.flatMap { $0.run(on: generator) }
        try #require(outputs.count == golden.values.count)
        for (index, (output, expected)) in zip(outputs, golden.values).enumerated() {
            switch output {
            case .floats(let produced):
                try #require(produced.count == expected.count, "tensor \(index)")
                let mismatches = (0..<expected.count).filter {
                    produced[$0].bitPattern != Float(expected[$0]).bitPattern
                }
                #expect(mismatches.isEmpty, "tensor \(index): \(mismatches.count) mismatches, first at \(mismatches.first ?? -1)")
            case .ints(let produced):
                #expect(produced == expected.map { Int64($0) }, "tensor \(index)")
            }
        }
    }
}

@Suite("TorchGenerator behaviour")
struct TorchGeneratorTests {
    private func floats(_ n: Int, _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
        var values = [Float](repeating: .nan, count: n)
        values.withUnsafeMutableBufferPointer { body($0) }
        return values
    }

    private func randn(_ g: TorchGenerator, _ n: Int, contiguous: Bool = true) -> [Float] {
        floats(n) { g.normal($0, mean: 0, std: 1, contiguous: contiguous) }
    }

    @Test("manual_seed(-1) is manual_seed(0xFFFFFFFF), and seeds differing by 2^32 agree")
    func seedNarrowing() {
        let negative = TorchGenerator(seed: 7)
        negative.manualSeed(-1)
        #expect(negative.initialSeed() == UInt64.max)
        let low = TorchGenerator(seed: 0xFFFF_FFFF)
        #expect(negative.random32() == low.random32())
        let wide = TorchGenerator(seed: 5 + (1 << 32))
        let narrow = TorchGenerator(seed: 5)
        #expect((0..<8).map { _ in wide.random32() } == (0..<8).map { _ in narrow.random32() })
    }

    @Test("manual_seed restarts the stream and clears the spare")
    func reseed() {
        let g = TorchGenerator(seed: 0)
        let first = randn(g, 3)
        g.manualSeed(0)
        #expect(randn(g, 3) == first)
    }

    @Test("the spare survives rand, uniform_, vector randn and layer init")
    func spareSurvives() {
        let reference = TorchGenerator(seed: 0)
        let pair = randn(reference, 2)
        let g = TorchGenerator(seed: 0)
        #expect(randn(g, 1) == [pair[0]])
        _ = floats(5) { g.uniform($0, from: 0, to: 1) }
        _ = floats(3) { g.uniform($0, from: -2, to: 3) }
        _ = randn(g, 40)
        var weight = [Float](repeating: 0, count: 6)
        var bias = [Float](repeating: 0, count: 2)
        weight.withUnsafeMutableBufferPointer { w in
            bias.withUnsafeMutableBufferPointer { b in g.initializeLayer(weight: w, bias: b, fanIn: 3) }
        }
        #expect(randn(g, 1) == [pair[1]])
    }

    @Test("the spare is scaled by the consuming call's mean and std")
    func spareScaledByConsumer() {
        let reference = TorchGenerator(seed: 3)
        let pair = randn(reference, 2)
        let g = TorchGenerator(seed: 3)
        _ = randn(g, 1)
        let scaled = floats(1) { g.normal($0, mean: 1, std: 2, contiguous: true) }
        let z = Double(pair[1])
        // pair[1] is z narrowed; recompute from the double spare instead of the narrowed value.
        #expect(abs(Double(scaled[0]) - (z * 2 + 1)) < 1e-5)
    }

    @Test("non-contiguous tensors of 16+ elements take the scalar path")
    func nonContiguousUsesScalarPath() {
        let a = TorchGenerator(seed: 11)
        let b = TorchGenerator(seed: 11)
        let strided = randn(a, 20, contiguous: false)
        var oneByOne: [Float] = []
        for _ in 0..<20 { oneByOne += randn(b, 1) }
        #expect(strided == oneByOne)
        #expect(a.getState() == b.getState())
    }

    @Test("draw accounting of rng.md §2.7", arguments: [
        (1, 4), (2, 4), (3, 8), (15, 32), (16, 16), (17, 33), (32, 32), (33, 49),
    ])
    func randnDraws(count: Int, draws: Int) {
        let g = TorchGenerator(seed: 0)
        _ = randn(g, count)
        let engine = MT19937(seed: 0)
        #expect(g.getState().engine == advanced(engine, by: draws))
    }

    @Test("randint draws one word below 2^28 and two from 2^28 on", arguments: [
        (Int64(0), Int64(1 << 28) - 1, 1), (0, 1 << 28, 2), (-5, 1 << 41, 2), (3, 5, 1),
    ])
    func randintDraws(low: Int64, high: Int64, drawsPerValue: Int) throws {
        let g = TorchGenerator(seed: 9)
        var values = [Int64](repeating: 0, count: 7)
        try values.withUnsafeMutableBufferPointer { try g.randint($0, low: low, high: high) }
        #expect(g.getState().engine == advanced(MT19937(seed: 9), by: 7 * drawsPerValue))
        #expect(values.allSatisfy { $0 >= low && $0 < high })
    }

    @Test("randint with an empty range throws PyTorch's message")
    func randintEmptyRange() {
        let g = TorchGenerator(seed: 0)
        var values = [Int64](repeating: 0, count: 3)
        #expect(throws: RandomError.emptyRange(from: 5, to: 5)) {
            try values.withUnsafeMutableBufferPointer { try g.randint($0, low: 5, high: 5) }
        }
        #expect(RandomError.emptyRange(from: 5, to: 5).description
            == "random_ expects 'from' to be less than 'to', but got from=5 >= to=5")
    }

    @Test("argument checks throw PyTorch's messages", arguments: [
        (RandomError.uniformRange(from: 1, to: 0.5), "uniform_ expects to return a [from, to) range, but found from=1 > to=0.5"),
        (.negativeStd(-1), "normal expects std >= 0.0, but found std -1"),
        (.negativeStd(-1e-7), "normal expects std >= 0.0, but found std -1e-07"),
        (.emptyRange(from: -2, to: -3), "random_ expects 'from' to be less than 'to', but got from=-2 >= to=-3"),
    ])
    func messages(error: RandomError, message: String) {
        #expect(error.description == message)
    }

    @Test("checkUniform / checkNormal")
    func checks() {
        #expect(throws: RandomError.uniformRange(from: 2, to: 1)) { try RandomError.checkUniform(from: 2, to: 1) }
        #expect(throws: Never.self) { try RandomError.checkUniform(from: 1, to: 1) }
        #expect(throws: RandomError.negativeStd(-0.5)) { try RandomError.checkNormal(std: -0.5) }
        #expect(throws: Never.self) { try RandomError.checkNormal(std: 0) }
    }

    @Test("randperm is a permutation using n − 1 draws", arguments: [0, 1, 2, 10, 257])
    func randperm(n: Int) {
        let g = TorchGenerator(seed: 4)
        var values = [Int64](repeating: -1, count: n)
        values.withUnsafeMutableBufferPointer { g.randperm($0) }
        #expect(values.sorted() == (0..<Int64(n)).map { $0 })
        #expect(g.getState().engine == advanced(MT19937(seed: 4), by: max(n - 1, 0)))
    }

    @Test("float64 rand uses U53, two draws per element")
    func randDouble() {
        let g = TorchGenerator(seed: 0)
        var values = [Double](repeating: 0, count: 3)
        values.withUnsafeMutableBufferPointer { g.uniform($0, from: 0, to: 1) }
        #expect(values[0] == 0.9700530018065531)
        #expect(g.getState().engine == advanced(MT19937(seed: 0), by: 6))
    }

    @Test("float64 randn: scalar path matches the float32 one before narrowing; vector path is normal")
    func randnDouble() {
        let g = TorchGenerator(seed: 0)
        var small = [Double](repeating: 0, count: 2)
        small.withUnsafeMutableBufferPointer { g.normal($0, mean: 0, std: 1, contiguous: true) }
        #expect(Float(small[0]).bitPattern == 0x3FC5_3F5C)
        #expect(Float(small[1]).bitPattern == 0xBE96_3C50)
        var large = [Double](repeating: .nan, count: 1000)
        large.withUnsafeMutableBufferPointer { g.normal($0, mean: 0, std: 1, contiguous: true) }
        let mean = large.reduce(0, +) / 1000
        #expect(large.allSatisfy { $0.isFinite })
        #expect(abs(mean) < 0.2)
    }

    @Test("getState / setState round-trip")
    func stateRoundTrip() {
        let g = TorchGenerator(seed: 0)
        _ = randn(g, 1)
        let saved = g.getState()
        let first = randn(g, 5) + floats(7) { g.uniform($0, from: 0, to: 1) }
        g.setState(saved)
        let second = randn(g, 5) + floats(7) { g.uniform($0, from: 0, to: 1) }
        #expect(first == second)
    }

    @Test("default init bounds use PyTorch's double arithmetic")
    func bounds() {
        #expect(TorchGenerator.kaimingUniformBound(fanIn: 1) == (3.0).squareRoot() * 0.5773502691896257)
        #expect(TorchGenerator.kaimingUniformBound(fanIn: 25) == (3.0).squareRoot() * (0.5773502691896257 / 5))
        #expect(TorchGenerator.biasBound(fanIn: 4) == 0.5)
        #expect(TorchGenerator.xavierUniformBound(fanIn: 2, fanOut: 2) == (3.0).squareRoot() * (0.5).squareRoot())
    }

    @Test("the default generator has a 53-bit seed")
    func defaultSeed() {
        #expect(TorchGenerator().initialSeed() < 1 << 53)
    }

    private func advanced(_ engine: MT19937, by draws: Int) -> MT19937 {
        var engine = engine
        for _ in 0..<draws { _ = engine.next() }
        return engine
    }
}
