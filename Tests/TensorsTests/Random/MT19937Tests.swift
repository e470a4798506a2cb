import Testing
@testable import Tensors

@Suite("MT19937")
struct MT19937Tests {
    struct Row: Sendable, CustomTestStringConvertible {
        let seed: UInt32
        let draws: [UInt32]
        var testDescription: String { "seed \(seed)" }
    }

    static let rows: [Row] = [
        Row(seed: 0, draws: [2_357_136_044, 2_546_248_239, 3_071_714_933, 3_626_093_760]),
        Row(seed: 1, draws: [1_791_095_845, 4_282_876_139, 3_093_770_124, 4_005_303_368]),
        Row(seed: 42, draws: [1_608_637_542, 3_421_126_067, 4_083_286_876, 787_846_414]),
        Row(seed: 5489, draws: [3_499_211_612, 581_869_302, 3_890_346_734, 3_586_334_585]),
    ]

    @Test("first four draws", arguments: rows)
    func firstDraws(row: Row) {
        var engine = MT19937(seed: row.seed)
        let produced = (0..<4).map { _ in engine.next() }
        #expect(produced == row.draws)
    }

    @Test("draws 624 and 625 cross the second twist")
    func secondBlock() {
        var engine = MT19937(seed: 0)
        for _ in 0..<623 { _ = engine.next() }
        #expect(engine.next() == 3_791_854_820)
        #expect(engine.next() == 341_544_762)
    }

    @Test("random64 takes the high half first")
    func random64() {
        var engine = MT19937(seed: 0)
        #expect(engine.next64() == 0x8C7F_0AAC_97C4_AA2F)
        let generator = TorchGenerator(seed: 0)
        #expect(TorchGenerator.u53(generator.random64()) == 0.9700530018065531)
        #expect(generator.random32() == 3_071_714_933)
    }
}
