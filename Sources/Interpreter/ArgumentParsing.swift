import Tensors

/// Binds a native function's arguments to a parameter list, Python style, with Python's
/// error messages for missing, duplicate and unexpected arguments.
public struct BoundArguments {
    let function: String
    var values: [Value?]
    let names: [String]
    public var extraPositional: [Value] = []
    public var extraKeywords: [(String, Value)] = []

    public subscript(_ name: String) -> Value? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }
    public subscript(_ i: Int) -> Value? { i < values.count ? values[i] : nil }
    /// The argument unless absent or None.
    public func given(_ name: String) -> Value? {
        guard let v = self[name], !v.isNone else { return nil }
        return v
    }
}

/// A native function's parameter list, parsed once: names without the `?`, which are optional,
/// and where keyword-only parameters start.
struct BindSpec {
    let params: [String]
    let names: [String]
    let optional: [Bool]
    let kwOnlyFrom: Int

    init(_ params: [String]) {
        var names: [String] = []
        var optional: [Bool] = []
        var kwOnlyFrom = Int.max
        for p in params {
            if p == "*" {
                kwOnlyFrom = names.count
                continue
            }
            let opt = p.hasSuffix("?")
            names.append(opt ? String(p.dropLast()) : p)
            optional.append(opt)
        }
        self.params = params
        self.names = names
        self.optional = optional
        self.kwOnlyFrom = kwOnlyFrom
    }
}

extension Interpreter {
    /// `params` parsed, from the cache when this function name last came with the same list (the
    /// string parsing was a third of a small builtin call such as `F.conv2d`).
    func bindSpec(_ fname: String, _ params: [String]) -> BindSpec {
        if let s = bindSpecs[fname], s.params == params { return s }
        let s = BindSpec(params)
        bindSpecs[fname] = s
        return s
    }

    /// Binds `args` to `params` (names; a leading `*` marks keyword-only from there on,
    /// a name ending in `?` is optional). `varargs`/`varkw` collect the rest.
    public func bind(_ fname: String, _ args: Arguments, _ params: [String], varargs: Bool = false,
                     varkw: Bool = false) throws -> BoundArguments {
        if args.positional.isEmpty && args.keywords.isEmpty {
            // Fast path (`t.sum()`, `x.item()`…): nothing given, so when every parameter is optional
            // the result binds nothing, and lookups by name or position all answer nil.
            var allOptional = true
            for p in params where p != "*" && p.utf8.last != UInt8(ascii: "?") {
                allOptional = false
                break
            }
            if allOptional { return BoundArguments(function: fname, values: [], names: []) }
        }
        let spec = bindSpec(fname, params)
        let names = spec.names
        let optional = spec.optional
        let kwOnlyFrom = spec.kwOnlyFrom
        var b = BoundArguments(function: fname, values: Array(repeating: nil, count: names.count), names: names)
        let maxPos = min(kwOnlyFrom, names.count)
        for (i, v) in args.positional.enumerated() {
            if i < maxPos {
                b.values[i] = v
            } else if varargs {
                b.extraPositional.append(v)
            } else {
                throw typeError("\(fname)() takes \(maxPos) positional argument\(maxPos == 1 ? "" : "s") but \(args.positional.count) were given")
            }
        }
        for (k, v) in args.keywords {
            if let i = names.firstIndex(of: k) {
                if b.values[i] != nil { throw typeError("\(fname)() got multiple values for argument '\(k)'") }
                b.values[i] = v
            } else if varkw {
                b.extraKeywords.append((k, v))
            } else {
                throw typeError("\(fname)() got an unexpected keyword argument '\(k)'")
            }
        }
        for (i, n) in names.enumerated() where b.values[i] == nil && !optional[i] {
            throw typeError("\(fname)() missing required argument '\(n)' (pos \(i + 1))")
        }
        return b
    }

    // MARK: - Conversions with Python's messages

    public func toInt(_ v: Value, _ what: String = "argument") throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .tensor(let t):
            if let i = try tensorAsIndex(t) { return i }
        default: break
        }
        throw typeError("\(what) must be int, not \(typeName(v))")
    }

    public func toDouble(_ v: Value, _ what: String = "argument") throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .tensor(let t):
            if let s = try? t.item() {
                switch s {
                case .bool(let b): return b ? 1 : 0
                case .int(let i): return Double(i)
                case .double(let d): return d
                }
            }
        default: break
        }
        throw typeError("must be real number, not \(typeName(v))")
    }

    public func toBool(_ v: Value) throws -> Bool { try truthy(v) }

    public func toStr(_ v: Value, _ what: String = "argument") throws -> String {
        guard case .str(let s) = v else { throw typeError("\(what) must be str, not \(typeName(v))") }
        return s
    }

    /// An int or a tuple/list of ints (`kernel_size=3`, `(1, 2)`, `torch.Size`).
    public func toIntList(_ v: Value, _ what: String = "argument") throws -> [Int] {
        switch v {
        case .int, .bool: return [try toInt(v, what)]
        case .object(let t as PyTuple): return try t.items.map { try toInt($0, what) }
        case .object(let l as PyList): return try l.items.map { try toInt($0, what) }
        default: throw typeError("\(what) must be tuple of ints, not \(typeName(v))")
        }
    }
}
