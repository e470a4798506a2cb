import Testing
@testable import Tensors

/// One row of rng.md §4.2: `count` values from one nd call, compared from `offset` on.
struct MXNetVectorRow: Sendable, CustomTestStringConvertible {
    enum Call: Sendable {
        case uniform(Double, Double)
        case normal(Double, Double)
    }

    let id: String
    /// `nil` for a fresh process; otherwise `mx.random.seed(seed)` first.
    let seed: Int?
    let call: Call
    let count: Int
    let offset: Int
    let bits: [UInt32]
    var testDescription: String { id }

    init(_ id: String, seed: Int?, call: Call, count: Int, offset: Int, bits: [UInt32]) {
        self.id = id
        self.seed = seed
        self.call = call
        self.count = count
        self.offset = offset
        self.bits = bits
    }

    typealias Row = MXNetVectorRow
    static let all: [Row] = [
        Row("fresh: Conv2D(1, (1, 2)) weight", seed: nil, call: .uniform(-0.07, 0.07), count: 2, offset: 0,
            bits: [0x3BDFEEE0, 0x3C54F698]),
        Row("0: nd.random.uniform(0, 1, shape=(5,))", seed: 0, call: .uniform(0, 1), count: 5, offset: 0,
            bits: [0x3F0C7F0B, 0x3F17C4AA, 0x3F3716A6, 0x3F5821CD]),
        Row("0: nd.random.uniform(-0.07, 0.07, shape=(5,))", seed: 0, call: .uniform(-0.07, 0.07), count: 5, offset: 0,
            bits: [0x3BDFEEE0, 0x3C54F698, 0x3CF6CBDC, 0x3D456A70]),
        Row("0: nd.random.uniform(0, 1, shape=(100,)) [50:54]", seed: 0, call: .uniform(0, 1), count: 100, offset: 50,
            bits: [0x3ED583E8, 0x3F7F4781, 0x3F386730, 0x3F6EBC14]),
        Row("0: nd.random.normal(0, 1, shape=(5,))", seed: 0, call: .normal(0, 1), count: 5, offset: 0,
            bits: [0x400D94CA, 0x3F46251D, 0x3F858F74, 0x3F978ADF]),
        Row("0: nd.random.normal(1, 2, shape=(5,))", seed: 0, call: .normal(1, 2), count: 5, offset: 0,
            bits: [0x40AD94CA, 0x4023128E, 0x40458F74, 0x40578ADF]),
        Row("0: nd.random.normal(0, 1, shape=(100,)) [50:54]", seed: 0, call: .normal(0, 1), count: 100, offset: 50,
            bits: [0x3E9CE06B, 0xBED94927, 0xBE5174AF, 0xBEDB8380]),
        Row("1: nd.random.uniform(0, 1, shape=(5,))", seed: 1, call: .uniform(0, 1), count: 5, offset: 0,
            bits: [0x3F0619F1, 0x3D615604, 0x3D23B036, 0x3F183344]),
        Row("1: nd.random.uniform(-0.07, 0.07, shape=(5,))", seed: 1, call: .uniform(-0.07, 0.07), count: 5, offset: 0,
            bits: [0x3B5AAC00, 0xBD7F2C47, 0xBD83E6DE, 0x3C58D598]),
        Row("1: nd.random.uniform(0, 1, shape=(100,)) [50:54]", seed: 1, call: .uniform(0, 1), count: 100, offset: 50,
            bits: [0x3F5DDBED, 0x3F645B5C, 0x3E86BAEC, 0x3F590DC9]),
        Row("1: nd.random.normal(0, 1, shape=(5,))", seed: 1, call: .normal(0, 1), count: 5, offset: 0,
            bits: [0xBF2D7A92, 0x3DCE5080, 0x3F1371BF, 0xBEB1A02E]),
        Row("1: nd.random.normal(1, 2, shape=(5,))", seed: 1, call: .normal(1, 2), count: 5, offset: 0,
            bits: [0xBEB5EA48, 0x3F99CA10, 0x4009B8E0, 0x3E9CBFA4]),
        Row("1: nd.random.normal(0, 1, shape=(100,)) [50:54]", seed: 1, call: .normal(0, 1), count: 100, offset: 50,
            bits: [0x3F2FB144, 0xBE9F91BE, 0x3CCC3F5A, 0xBF2A9C56]),
        Row("42: nd.random.uniform(0, 1, shape=(5,))", seed: 42, call: .uniform(0, 1), count: 5, offset: 0,
            bits: [0x3F543F7B, 0x3F3F721C, 0x3F0EE4F9, 0x3F10D409]),
        Row("42: nd.random.uniform(-0.07, 0.07, shape=(5,))", seed: 42, call: .uniform(-0.07, 0.07), count: 5, offset: 0,
            bits: [0x3D3CB728, 0x3D0E1E54, 0x3C057440, 0x3C16C800]),
        Row("42: nd.random.uniform(0, 1, shape=(100,)) [50:54]", seed: 42, call: .uniform(0, 1), count: 100, offset: 50,
            bits: [0x3E024C26, 0x3E83B601, 0x3F0EFDA5, 0x3F37695B]),
        Row("42: nd.random.normal(0, 1, shape=(5,))", seed: 42, call: .normal(0, 1), count: 5, offset: 0,
            bits: [0x3F078990, 0x3FFCD8E1, 0x3E95247B, 0xBE80F2FD]),
        Row("42: nd.random.normal(1, 2, shape=(5,))", seed: 42, call: .normal(1, 2), count: 5, offset: 0,
            bits: [0x4003C4C8, 0x409E6C70, 0x3FCA923E, 0x3EFE1A06]),
        Row("42: nd.random.normal(0, 1, shape=(100,)) [50:54]", seed: 42, call: .normal(0, 1), count: 100, offset: 50,
            bits: [0xBEBF11FD, 0x3FDD4B20, 0x3FA4B3F8, 0x3F6C9776]),
    ]
}

@Suite("MXNetGenerator")
struct MXNetGeneratorTests {
    private func run(_ g: MXNetGenerator, _ call: MXNetVectorRow.Call, count: Int,
                     interface: MXNetGenerator.Interface = .nd) -> [Float] {
        var values = [Float](repeating: .nan, count: count)
        values.withUnsafeMutableBufferPointer { out in
            switch call {
            case .uniform(let low, let high): g.uniform(out, low: low, high: high, interface: interface)
            case .normal(let loc, let scale): g.normal(out, loc: loc, scale: scale, interface: interface)
            }
        }
        return values
    }

    @Test("rng.md §4.2", arguments: MXNetVectorRow.all)
    func vector(row: MXNetVectorRow) throws {
        let g = MXNetGenerator()
        if let seed = row.seed {
            // Advance several engines first so the test also covers re-seeding.
            _ = run(g, .normal(0, 1), count: 300)
            g.seed(seed)
        }
        let values = run(g, row.call, count: row.count)
        try #require(row.offset + row.bits.count <= values.count)
        #expect(values[row.offset..<(row.offset + row.bits.count)].map(\.bitPattern) == row.bits)
    }

    @Test("engines keep their position across calls")
    func enginesAdvance() {
        let whole = run(MXNetGenerator(), .uniform(0, 1), count: 6)
        let g = MXNetGenerator()
        let parts = run(g, .uniform(0, 1), count: 2) + run(g, .uniform(0, 1), count: 4)
        #expect(parts == whole)
    }

    @Test("slices: 65 elements are split 33 / 32 between engines 0 and 1; big calls use up to 1024")
    func slices() {
        let values = run(MXNetGenerator(), .uniform(0, 1), count: 65)
        var engine1 = MT19937(seed: 1)
        #expect(values[33] == MXNetGenerator.canonical(engine1.next()))
        var engine0 = MT19937(seed: 0)
        #expect(values[0] == MXNetGenerator.canonical(engine0.next()))
        var ranges: [Range<Int>] = []
        MXNetGenerator.forEachSlice(count: 65_537) { _, range in ranges.append(range) }
        // 1024 engines of step 65: engines past the end (1009 and up) get nothing.
        #expect(ranges.count == 1009)
        #expect(ranges.first == 0..<65)
        #expect(ranges.last == 65_520..<65_537)
    }

    @Test("canonical rounds the whole draw and stays below 1")
    func canonical() {
        #expect(MXNetGenerator.canonical(0xFFFF_FFFF).bitPattern == 0x3F7F_FFFF)
        #expect(MXNetGenerator.canonical(0xFFFF_FF7F) == Float(0xFFFF_FF00 as UInt32) * 0x1p-32)
        #expect(MXNetGenerator.canonical(0) == 0)
    }

    @Test("seed narrows to 32 bits and seed(0) restores the fresh state")
    func seeding() {
        let fresh = run(MXNetGenerator(), .normal(0, 1), count: 100)
        let g = MXNetGenerator()
        g.seed(1 << 32)
        #expect(run(g, .normal(0, 1), count: 100) == fresh)
    }

    @Test("np interface: fresh uniform starts like the nd Conv2D weight; normal pairs share one polar run")
    func npInterface() {
        let uniform = run(MXNetGenerator(), .uniform(-0.07, 0.07), count: 2, interface: .np)
        #expect(uniform.map(\.bitPattern) == [0x3BDF_EEE0, 0x3C54_F698])
        let np = run(MXNetGenerator(), .normal(0, 1), count: 3, interface: .np)
        var engine = MT19937(seed: 0)
        let first = MXNetGenerator.polar(&engine)
        let second = MXNetGenerator.polar(&engine)
        #expect(np == [first.second, first.first, second.second])
        // The nd interface drops the spare instead.
        let nd = run(MXNetGenerator(), .normal(0, 1), count: 2)
        #expect(nd == [first.second, second.second])
        // seed() moves the np engine to 127·s, separately from the bank.
        let g = MXNetGenerator()
        g.seed(1)
        var seeded = MT19937(seed: 127)
        #expect(run(g, .uniform(0, 1), count: 1, interface: .np) == [MXNetGenerator.canonical(seeded.next())])
    }

    @Test("Xavier bound is sqrt(3 / ((fan_in + fan_out) / 2))")
    func xavier() {
        #expect(MXNetGenerator.xavierBound(fanIn: 1, fanOut: 2) == (3.0 / 1.5).squareRoot())
    }
}
