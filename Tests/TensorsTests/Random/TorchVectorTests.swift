import Testing
@testable import Tensors

/// One row of rng.md §4.1: the values from `offset` on of output `output` after `manual_seed(seed)`.
struct TorchVectorRow: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case bits([UInt32])
        case ints([Int64])
    }

    let id: String
    let seed: UInt64
    let calls: [TorchCall]
    let output: Int
    let offset: Int
    let expected: Expected
    var testDescription: String { id }

    init(_ id: String, seed: UInt64, calls: [TorchCall], output: Int, offset: Int, expected: Expected) {
        self.id = id
        self.seed = seed
        self.calls = calls
        self.output = output
        self.offset = offset
        self.expected = expected
    }

    typealias Row = TorchVectorRow
    static let conv12 = TorchCall.conv2d(inChannels: 1, outChannels: 1, kh: 1, kw: 2, bias: true)
    static let linear84 = TorchCall.linear(inFeatures: 84, outFeatures: 10)

    static let all: [Row] = [
        Row("0: torch.rand(5)", seed: 0, calls: [.rand(5)], output: 0, offset: 0,
            expected: .bits([0x3EFE1558, 0x3F44AA2F, 0x3DB533A8, 0x3E073300])),
        Row("0: torch.randn(5)", seed: 0, calls: [.randn(5)], output: 0, offset: 0,
            expected: .bits([0x3FC53F5C, 0xBE963C50, 0xC00B7149, 0x3F1184B6])),
        Row("0: torch.randn(16)", seed: 0, calls: [.randn(16)], output: 0, offset: 0,
            expected: .bits([0xBF901B85, 0xBF93808A, 0xBE804BD6, 0xBEDE255D])),
        Row("0: torch.randn(17)", seed: 0, calls: [.randn(17)], output: 0, offset: 0,
            expected: .bits([0xBF901B85, 0xBFD91446, 0x3F111004, 0x3F4B235D])),
        Row("0: torch.randn(17) [13:17]", seed: 0, calls: [.randn(17)], output: 0, offset: 13,
            expected: .bits([0x3FCB0D00, 0x3F72409C, 0xBF57FB33, 0x3F6E8C30])),
        Row("0: torch.empty(5).uniform_(-0.5, 0.5)", seed: 0, calls: [.uniform(5, -0.5, 0.5)], output: 0, offset: 0,
            expected: .bits([0xBB755400, 0x3E89545E, 0xBED2B316, 0xBEBC6680])),
        Row("0: torch.empty(20).normal_(1.0, 2.0)", seed: 0, calls: [.normal(20, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0xBFA0370A, 0xBFA70114, 0x3EFF6854, 0x3E076A8C])),
        Row("0: torch.empty(3).normal_(1.0, 2.0)", seed: 0, calls: [.normal(3, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0x40829FAE, 0x3ED3875F, 0xC056E292])),
        Row("0: torch.randint(0, 10, (12,))", seed: 0, calls: [.randint(low: 0, high: 10, count: 12)], output: 0, offset: 0,
            expected: .ints([4, 9, 3, 0, 3, 9, 7, 3, 7, 3, 1, 6])),
        Row("0: torch.randperm(10)", seed: 0, calls: [.randperm(10)], output: 0, offset: 0,
            expected: .ints([4, 1, 7, 5, 3, 9, 0, 8, 6, 2])),
        Row("0: nn.Conv2d(1, 1, (1, 2)).weight", seed: 0, calls: [conv12], output: 0, offset: 0,
            expected: .bits([0xBBAD7922, 0x3EC2369C])),
        Row("0: nn.Conv2d(1, 1, (1, 2)).bias", seed: 0, calls: [conv12], output: 1, offset: 0,
            expected: .bits([0xBF14FCB1])),
        Row("0: nn.Linear(84, 10).weight", seed: 0, calls: [linear84], output: 0, offset: 0,
            expected: .bits([0xBA5623D4, 0x3D6FBDFD, 0xBDB7E9E5])),
        Row("0: nn.Linear(84, 10).bias", seed: 0, calls: [linear84], output: 1, offset: 0,
            expected: .bits([0xBCA19E2B, 0x3D9205C5, 0x3BCA83E1])),
        Row("1: torch.rand(5)", seed: 1, calls: [.rand(5)], output: 0, offset: 0,
            expected: .bits([0x3F41F425, 0x3E8F01D6, 0x3ECE5F18, 0x3F3C1448])),
        Row("1: torch.randn(5)", seed: 1, calls: [.randn(5)], output: 0, offset: 0,
            expected: .bits([0x3F294E60, 0x3E88AA47, 0x3D7CA14B, 0x3F1F0EA7])),
        Row("1: torch.randn(16)", seed: 1, calls: [.randn(16)], output: 0, offset: 0,
            expected: .bits([0xBFC346BA, 0xBF400F31, 0xBF276B4B, 0xBFCE0399])),
        Row("1: torch.randn(17)", seed: 1, calls: [.randn(17)], output: 0, offset: 0,
            expected: .bits([0xBFC346BA, 0xBF9493D5, 0x3F331536, 0x3E4BDC0E])),
        Row("1: torch.randn(17) [13:17]", seed: 1, calls: [.randn(17)], output: 0, offset: 13,
            expected: .bits([0xBF1E2480, 0xBF4C4E4E, 0xBE06C83C, 0xBF4C668D])),
        Row("1: torch.empty(5).uniform_(-0.5, 0.5)", seed: 1, calls: [.uniform(5, -0.5, 0.5)], output: 0, offset: 0,
            expected: .bits([0x3E83E84A, 0xBE61FC54, 0xBDC683A0, 0x3E705120])),
        Row("1: torch.empty(20).normal_(1.0, 2.0)", seed: 1, calls: [.normal(20, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0xC00346BA, 0xBF001E62, 0xBE9DAD2C, 0xC00E0399])),
        Row("1: torch.empty(3).normal_(1.0, 2.0)", seed: 1, calls: [.normal(3, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0x4014A730, 0x3FC45523, 0x3F8FCA15])),
        Row("1: torch.randint(0, 10, (12,))", seed: 1, calls: [.randint(low: 0, high: 10, count: 12)], output: 0, offset: 0,
            expected: .ints([5, 9, 4, 8, 3, 3, 1, 1, 9, 2, 8, 9])),
        Row("1: torch.randperm(10)", seed: 1, calls: [.randperm(10)], output: 0, offset: 0,
            expected: .ints([5, 6, 1, 2, 0, 8, 9, 3, 7, 4])),
        Row("1: nn.Conv2d(1, 1, (1, 2)).weight", seed: 1, calls: [conv12], output: 0, offset: 0,
            expected: .bits([0x3EBA8B92, 0xBE9FCBC6])),
        Row("1: nn.Conv2d(1, 1, (1, 2)).bias", seed: 1, calls: [conv12], output: 1, offset: 0,
            expected: .bits([0xBE0C5EE7])),
        Row("1: nn.Linear(84, 10).weight", seed: 1, calls: [linear84], output: 0, offset: 0,
            expected: .bits([0x3D6646C2, 0xBD4541A7, 0xBCAD4702])),
        Row("1: nn.Linear(84, 10).bias", seed: 1, calls: [linear84], output: 1, offset: 0,
            expected: .bits([0x3D415571, 0xBD5EF798, 0xBDC17DCC])),
        Row("42: torch.rand(5)", seed: 42, calls: [.rand(5)], output: 0, offset: 0,
            expected: .bits([0x3F61DC66, 0x3F6A3DB3, 0x3EC406B8, 0x3F75950E])),
        Row("42: torch.randn(5)", seed: 42, calls: [.randn(5)], output: 0, offset: 0,
            expected: .bits([0x3EAC62AE, 0x3E03E69D, 0x3E7016E7, 0x3E6BDC6C])),
        Row("42: torch.randn(16)", seed: 42, calls: [.randn(16)], output: 0, offset: 0,
            expected: .bits([0x3FF6A529, 0x3FBE5F53, 0x3F669567, 0xC006C0DB])),
        Row("42: torch.randn(17)", seed: 42, calls: [.randn(17)], output: 0, offset: 0,
            expected: .bits([0x3FF6A529, 0xBE236D85, 0xBEFEAAE4, 0x3EE111D8])),
        Row("42: torch.randn(17) [13:17]", seed: 42, calls: [.randn(17)], output: 0, offset: 13,
            expected: .bits([0x3D2B0C00, 0xBE80CE7A, 0x3F5C1FB0, 0xBE9E9482])),
        Row("42: torch.empty(5).uniform_(-0.5, 0.5)", seed: 42, calls: [.uniform(5, -0.5, 0.5)], output: 0, offset: 0,
            expected: .bits([0x3EC3B8CC, 0x3ED47B66, 0xBDEFE520, 0x3EEB2A1C])),
        Row("42: torch.empty(20).normal_(1.0, 2.0)", seed: 42, calls: [.normal(20, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0x409B5294, 0x407E5F53, 0x40334AB4, 0xC04D81B6])),
        Row("42: torch.empty(3).normal_(1.0, 2.0)", seed: 42, calls: [.normal(3, 1.0, 2.0)], output: 0, offset: 0,
            expected: .bits([0x3FD63157, 0x3FA0F9A7, 0x3FBC05BA])),
        Row("42: torch.randint(0, 10, (12,))", seed: 42, calls: [.randint(low: 0, high: 10, count: 12)], output: 0, offset: 0,
            expected: .ints([2, 7, 6, 4, 6, 5, 0, 4, 0, 3, 8, 4])),
        Row("42: torch.randperm(10)", seed: 42, calls: [.randperm(10)], output: 0, offset: 0,
            expected: .ints([2, 6, 1, 8, 4, 5, 0, 9, 3, 7])),
        Row("42: nn.Conv2d(1, 1, (1, 2)).weight", seed: 42, calls: [conv12], output: 0, offset: 0,
            expected: .bits([0x3F0A6571, 0x3F163F5B])),
        Row("42: nn.Conv2d(1, 1, (1, 2)).bias", seed: 42, calls: [conv12], output: 1, offset: 0,
            expected: .bits([0xBE29A1A3])),
        Row("42: nn.Linear(84, 10).weight", seed: 42, calls: [linear84], output: 0, offset: 0,
            expected: .bits([0x3DAAD70E, 0x3DB97832, 0xBCD165C5])),
        Row("42: nn.Linear(84, 10).bias", seed: 42, calls: [linear84], output: 1, offset: 0,
            expected: .bits([0x3D00EB93, 0xBDDA2FD3, 0xBD9FE250])),
    ]
}

@Suite("TorchGenerator test vectors")
struct TorchVectorTests {
    @Test("rng.md §4.1", arguments: TorchVectorRow.all)
    func vector(row: TorchVectorRow) throws {
        let generator = TorchGenerator(seed: row.seed)
        let outputs = row.calls.flatMap { $0.run(on: generator) }
        try #require(row.output < outputs.count)
        switch (row.expected, outputs[row.output]) {
        case (.bits(let bits), .floats(let values)):
            try #require(row.offset + bits.count <= values.count)
            let produced = values[row.offset..<(row.offset + bits.count)].map(\.bitPattern)
            #expect(produced == bits)
        case (.ints(let expected), .ints(let values)):
            try #require(row.offset + expected.count <= values.count)
            #expect(Array(values[row.offset..<(row.offset + expected.count)]) == expected)
        case (.bits, .ints), (.ints, .floats):
            Issue.record("output kind does not match the expectation")
        }
    }
}
