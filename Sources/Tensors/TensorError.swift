/// An error raised by a tensor operation, worded as PyTorch words it.
///
/// `kind` tells the interpreter which Python exception class to raise.
public struct TensorError: Error, CustomStringConvertible, Equatable {
    /// The Python exception class.
    public enum Kind: Sendable, Equatable {
        /// RuntimeError
        case runtime
        /// IndexError
        case index
        /// TypeError
        case type
        /// ValueError
        case value
        /// NotImplementedError
        case notImplemented
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func runtime(_ message: String) -> TensorError { TensorError(.runtime, message) }
    static func index(_ message: String) -> TensorError { TensorError(.index, message) }
    static func value(_ message: String) -> TensorError { TensorError(.value, message) }
    static func type(_ message: String) -> TensorError { TensorError(.type, message) }
    static func notImplemented(_ message: String) -> TensorError { TensorError(.notImplemented, message) }

    /// PyTorch's "Dimension out of range" IndexError.
    static func dimOutOfRange(_ dim: Int, rank: Int) -> TensorError {
        let r = Swift.max(rank, 1)
        return .index("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))")
    }
}

/// Formats a shape the way PyTorch's messages do: `[2, 3]`.
func shapeString(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}

/// Normalises a possibly negative dimension index against `rank` (a 0-d tensor accepts -1 and 0).
@inline(__always)
func normalizeDim(_ dim: Int, rank: Int) throws(TensorError) -> Int {
    let r = Swift.max(rank, 1)
    if dim < -r || dim >= r { throw TensorError.dimOutOfRange(dim, rank: rank) }
    return dim < 0 ? dim + r : dim
}
