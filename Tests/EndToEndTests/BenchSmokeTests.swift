import Foundation
import Testing

/// The benchmark notebooks (bench/*.cnb) still run and print the lines `bench/run.py` reads,
/// with their time budget scaled down through the `parameters` cell. Nothing is timed here.
@Suite("Benchmark notebooks (smoke)", .enabled(if: cnbBinary() != nil, "needs a built cnb"))
struct BenchSmokeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let notebook: String
        let lines: [String]
        var testDescription: String { notebook }
    }

    static let cases: [Case] = [
        Case(notebook: "corr2d.cnb",
             lines: ["corr2d_6x8_k1x2_per_output", "corr2d_64x64_k3x3_per_output", "slice_mul_sum"]),
        Case(notebook: "small_ops.cnb", lines: ["learn_kernel_step", "small_mul_add", "add_1m", "sum_1m"]),
        Case(notebook: "conv2d.cnb",
             lines: ["img256_k3_fwd", "img256_k3_fwdbwd", "lenet_c1_fwd", "lenet_c2_fwd", "resnet_c64_fwd",
                     "stem_k7s2_fwd", "stem_k7s2_fwdbwd"]),
    ]

    /// `name value unit`, as bench/run.py parses it.
    static func figures(_ stdout: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 3, let v = Double(parts[1]) { out[String(parts[0])] = v }
        }
        return out
    }

    @Test(arguments: cases)
    func runs(_ c: Case) throws {
        let path = packageRoot().appendingPathComponent("bench").appendingPathComponent(c.notebook).path
        let r = try runCNB(["run", path, "-p", "BUDGET_SCALE=0.0001"], timeout: 600)
        #expect(r.status == 0, "\(r.stderr)")
        let figures = Self.figures(r.stdout)
        for name in c.lines {
            let value = try #require(figures[name], "\(c.notebook) printed no \(name) line:\n\(r.stdout)")
            #expect(value > 0 && value.isFinite, "\(name) \(value)")
        }
    }
}
