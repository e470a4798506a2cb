#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Mistakes in random-number requests that PyTorch also rejects, with PyTorch's wording.
public enum RandomError: Error, Equatable, CustomStringConvertible {
    /// `randint` / `random_` with `from >= to`.
    case emptyRange(from: Int64, to: Int64)
    /// `uniform_` / `torch.rand`-style fill with `from > to`.
    case uniformRange(from: Double, to: Double)
    /// `normal_` / `torch.normal` with a negative (or NaN) `std`.
    case negativeStd(Double)

    /// The message PyTorch raises for the same mistake.
    public var description: String {
        switch self {
        case .emptyRange(let from, let to):
            "random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)"
        case .uniformRange(let from, let to):
            "uniform_ expects to return a [from, to) range, but found from=\(Self.cpp(from)) > to=\(Self.cpp(to))"
        case .negativeStd(let std):
            "normal expects std >= 0.0, but found std \(Self.cpp(std))"
        }
    }

    /// Throws `.uniformRange` unless `from <= to`, as `uniform_` checks before drawing.
    public static func checkUniform(from: Double, to: Double) throws(RandomError) {
        guard from <= to else { throw .uniformRange(from: from, to: to) }
    }

    /// Throws `.negativeStd` unless `std >= 0`, as `normal_` checks before drawing.
    public static func checkNormal(std: Double) throws(RandomError) {
        guard std >= 0 else { throw .negativeStd(std) }
    }

    /// A double as C++'s `operator<<` prints it in PyTorch's messages (`%g`, 6 significant digits).
    static func cpp(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 48)
        let written = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([value]) { vsnprintf(out.baseAddress, out.count, "%g", $0) }
        }
        guard written > 0 else { return "\(value)" }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
