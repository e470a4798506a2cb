/// A JSON value that keeps object member order and the exact text of numbers.
///
/// Used for `.cnb` cell metadata (`key=<JSON>`), for `.ipynb` import and as the input of
/// `JSONWriter`, which prints it exactly as Python's `json.dumps` would.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, kept as its source text (e.g. `120`, `1.5e3`) so nothing is lost.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order (duplicates are kept; the writer keeps the last, as Python does).
    case object([JSONMember])

    /// An integer number value.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// The member `key` of an object (the last one when repeated), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// The string payload, or nil when this is not a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The numeric value, or nil when this is not a number.
    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// The elements of an array, or nil.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The text of a JSON string or of a list of strings joined (nbformat's multiline strings).
    public var multilineText: String? {
        switch self {
        case .string(let s): return s
        case .array(let items):
            var out = ""
            for item in items {
                guard case .string(let s) = item else { return nil }
                out += s
            }
            return out
        case .null, .bool, .number, .object: return nil
        }
    }
}

/// One member of a JSON object.
public struct JSONMember: Equatable, Sendable {
    /// The member's key.
    public var key: String
    /// The member's value.
    public var value: JSONValue
    /// Makes a member.
    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
