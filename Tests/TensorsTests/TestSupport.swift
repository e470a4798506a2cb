import Foundation
import Testing
@testable import Tensors

/// Locates Tests/Fixtures by walking up from this file.
func fixturesURL(_ file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
        let candidate = url.appendingPathComponent("Fixtures")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "/nonexistent")
}

func f32(_ shape: [Int], _ values: [Float]) throws -> Tensor { try Tensor(shape: shape, floats: values) }
func f64(_ shape: [Int], _ values: [Double]) throws -> Tensor { try Tensor(shape: shape, doubles: values) }
func i64(_ shape: [Int], _ values: [Int]) throws -> Tensor { try Tensor(shape: shape, ints: values) }
func t(_ x: Tensor) -> Operand { .tensor(x) }
func s(_ x: Int) -> Operand { .scalar(.int(x)) }
func s(_ x: Double) -> Operand { .scalar(.double(x)) }

/// Expects `body` to throw a TensorError with exactly this kind and message.
func expectError(_ kind: TensorError.Kind, _ message: String, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected error: \(message)", sourceLocation: sourceLocation)
    } catch let e as TensorError {
        #expect(e.kind == kind, sourceLocation: sourceLocation)
        #expect(e.message == message, sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}

func close(_ a: [Double], _ b: [Double], rel: Double = 1e-5, abs: Double = 1e-6) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) where Swift.abs(x - y) > abs + rel * Swift.abs(y) { return false }
    return true
}
