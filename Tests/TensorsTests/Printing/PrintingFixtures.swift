import Foundation
import Tensors

/// Golden fixtures for the printing tests, read from Tests/Fixtures (found by walking up from this file).
enum PrintingFixtures {
    /// The folder that contains `Fixtures`, walking up from `#filePath`.
    static func fixturesURL(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Fixtures")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// `code` (import lines removed) → output, for a golden JSON list of {code, output, ...}.
    static func goldens(_ name: String, outputKey: String = "output") -> [String: String] {
        guard let dir = fixturesURL(),
              let data = try? Data(contentsOf: dir.appendingPathComponent("golden").appendingPathComponent(name)),
              let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [:] }
        var result: [String: String] = [:]
        for entry in list {
            guard let code = entry["code"] as? String, let output = entry[outputKey] as? String else { continue }
            let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0 != "import torch" && $0 != "from torch import nn" && $0 != "from mxnet import nd" }
            result[lines.joined(separator: "\n")] = output
        }
        return result
    }

    static let torch = goldens("torch-repr.json")
    static let mxnet113 = goldens("mxnet-repr.json")
}

/// Element sources for test rows.
enum PrintTestValues: Sendable {
    case floats([Double])
    case ints([Int64])
    case bools([Bool])
    case floatFn(@Sendable (Int) -> Double)
    case intFn(@Sendable (Int) -> Int64)
    case boolFn(@Sendable (Int) -> Bool)

    var elements: PrintElements {
        switch self {
        case .floats(let v): .floating { v[$0] }
        case .ints(let v): .integer { v[$0] }
        case .bools(let v): .boolean { v[$0] }
        case .floatFn(let f): .floating(f)
        case .intFn(let f): .integer(f)
        case .boolFn(let f): .boolean(f)
        }
    }
}


/// float32 values, rounded from the given doubles and converted back exactly.
func printF32(_ values: [Double]) -> PrintTestValues { .floats(values.map { Double(Float($0)) }) }
/// float64 values as given.
func printF64(_ values: [Double]) -> PrintTestValues { .floats(values) }
/// int values.
func printI64(_ values: [Int64]) -> PrintTestValues { .ints(values) }
/// Float32 `arange(n)` transformed in float32 arithmetic.
func printF32Range(_ n: Int, _ transform: @escaping @Sendable (Float) -> Float = { $0 }) -> PrintTestValues {
    .floats((0..<n).map { Double(transform(Float($0))) })
}
