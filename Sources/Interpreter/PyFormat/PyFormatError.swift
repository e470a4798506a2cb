/// A Python exception raised by formatting, with Python's exception class and wording.
public struct PyFormatError: Error, Sendable, Equatable {
    /// The Python exception class.
    public enum Kind: Sendable, Equatable {
        case valueError
        case typeError
        case overflowError
        case keyError
        /// A width or precision too large to lay out (Python tries and raises MemoryError).
        case memoryError
        /// An error thrown by a caller's callback (for example a user `__str__` raising), passed through.
        case propagated
    }

    public var kind: Kind
    /// The exception message, e.g. `Unknown format code 'd' for object of type 'float'`.
    public var message: String
    /// For `.propagated`: the callback's own error, unchanged.
    public var underlying: (any Error)?

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
        self.underlying = nil
    }

    /// Wraps a caller's error so it can pass through the typed-throws formatting APIs.
    public init(propagating error: any Error) {
        self.kind = .propagated
        self.message = String(describing: error)
        self.underlying = error
    }

    /// Python's exception class name: `ValueError`, `TypeError`, ...
    public var pythonClassName: String {
        switch kind {
        case .valueError: "ValueError"
        case .typeError: "TypeError"
        case .overflowError: "OverflowError"
        case .keyError: "KeyError"
        case .memoryError: "MemoryError"
        case .propagated: "Exception"
        }
    }

    public static func == (lhs: PyFormatError, rhs: PyFormatError) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message
    }
}

/// A value handed to Python formatting: Python's int (machine-size or big), float, str and bool.
public enum PyFormatValue: Sendable, Equatable {
    case int(Int)
    /// An int outside `Int`'s range, as decimal digits with an optional leading `-`.
    case bigInt(String)
    case float(Double)
    case string(String)
    case bool(Bool)

    /// Python's type name, used in error messages.
    public var typeName: String {
        switch self {
        case .int, .bigInt: "int"
        case .float: "float"
        case .string: "str"
        case .bool: "bool"
        }
    }
}

extension PyFormatError {
    /// The largest width or precision formatting lays out: a field wider than this (256 Mi
    /// characters) raises MemoryError instead of asking for the memory (found by fuzzing:
    /// `'%6845944445032522639X' % 1` made Swift's allocator abort).
    static let maxFieldSize = 1 << 28

    /// Throws MemoryError when `size` (a width or precision) is past `maxFieldSize`.
    static func checkFieldSize(_ size: Int?) throws(PyFormatError) {
        if let size, size > maxFieldSize { throw PyFormatError(.memoryError, "") }
    }
}
