import Tensors

extension Interpreter {
    /// `repr(v)`.
    public func repr(_ v: Value) throws -> String {
        var visiting = Set<ObjectIdentifier>()
        return try repr(v, &visiting)
    }

    func repr(_ v: Value, _ visiting: inout Set<ObjectIdentifier>) throws -> String {
        switch v {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return PyFormat.floatRepr(d)
        case .str(let s): return pyStringRepr(s)
        case .tensor(let t): return try tensorRepr(t)
        case .object(let o):
            let id = ObjectIdentifier(o)
            // Deeply nested containers end in RecursionError, not a stack overflow.
            depth += 1
            defer { depth -= 1 }
            if depth > recursionLimit {
                throw makeError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object")
            }
            switch o {
            case let l as PyList:
                if visiting.contains(id) { return "[...]" }
                visiting.insert(id)
                defer { visiting.remove(id) }
                return "[" + (try l.items.map { try repr($0, &visiting) }).joined(separator: ", ") + "]"
            case let t as PyTuple:
                if t.isTorchSize {
                    return "torch.Size([" + (try t.items.map { try repr($0, &visiting) }).joined(separator: ", ") + "])"
                }
                if visiting.contains(id) { return "(...)" }
                visiting.insert(id)
                defer { visiting.remove(id) }
                let parts = try t.items.map { try repr($0, &visiting) }
                if let name = t.structName {
                    let fields = zip(t.fields, parts).map { "\($0)=\($1)" }
                    return name + "(\n" + fields.joined(separator: ",\n") + ")"
                }
                return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
            case let d as PyDict:
                if visiting.contains(id) { return "{...}" }
                visiting.insert(id)
                defer { visiting.remove(id) }
                let parts = try d.pairs.map { "\(try repr($0.0, &visiting)): \(try repr($0.1, &visiting))" }
                if d.isOrdered {
                    let items = try d.pairs.map { "(\(try repr($0.0, &visiting)), \(try repr($0.1, &visiting)))" }
                    return "OrderedDict([" + items.joined(separator: ", ") + "])"
                }
                return "{" + parts.joined(separator: ", ") + "}"
            case let s as PySet:
                if s.count == 0 { return s.frozen ? "frozenset()" : "set()" }
                let inner = "{" + (try s.elements.map { try repr($0, &visiting) }).joined(separator: ", ") + "}"
                return s.frozen ? "frozenset(\(inner))" : inner
            case let v as PyDictView:
                return v.typeName + "([" + (try v.elements.map { try repr($0, &visiting) }).joined(separator: ", ") + "])"
            case let r as PyRange:
                return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
            case let s as PySlice:
                return "slice(\(try repr(s.start)), \(try repr(s.stop)), \(try repr(s.step)))"
            case let inst as PyInstance where inst.cls.isException && inst.cls.lookup("__repr__") == nil:
                // `ValueError('m')`, `KeyError('k')`, `ValueError()`, `ValueError('a', 2)`.
                let args = (inst.native as? ExceptionState)?.args ?? []
                return inst.cls.name + "(" + (try args.map { try repr($0, &visiting) }).joined(separator: ", ") + ")"
            default:
                return try o.repr(self)
            }
        }
    }

    /// `str(v)`.
    public func str(_ v: Value) throws -> String {
        switch v {
        case .str(let s): return s
        case .tensor(let t): return try tensorRepr(t)
        case .object(let o):
            switch o {
            case is PyList, is PyTuple, is PyDict, is PySet, is PyRange, is PySlice, is PyDictView: return try repr(v)
            case let inst as PyInstance:
                if inst.cls.isException, inst.cls.lookup("__str__") == nil, let st = inst.native as? ExceptionState {
                    if inst.cls.name == "KeyError", st.args.count == 1 { return try repr(st.args[0]) }
                    if st.args.count == 1 { return try str(st.args[0]) }
                    if st.args.isEmpty { return st.message }
                    return try repr(.object(PyTuple(st.args)))
                }
                return try inst.str(self)
            default: return try o.str(self)
            }
        default: return try repr(v)
        }
    }

    func expectString(_ v: Value, what: String) throws -> String {
        guard case .str(let s) = v else { throw typeError("\(what) returned non-string (type \(typeName(v)))") }
        return s
    }

    /// `format(v, spec)` as f-strings use it.
    func formatValue(_ v: Value, spec: String) throws -> String {
        switch v {
        case .str(let s): return try PyFormat.format(.string(s), spec: spec)
        case .int(let i): return try PyFormat.format(.int(i), spec: spec)
        case .bool(let b):
            if spec.isEmpty { return b ? "True" : "False" }
            return try PyFormat.format(.int(b ? 1 : 0), spec: spec)
        case .float(let d): return try PyFormat.format(.float(d), spec: spec)
        case .none:
            if spec.isEmpty { return "None" }
            throw typeError("unsupported format string passed to NoneType.__format__")
        case .tensor(let t): return try tensorFormat(t, spec: spec)
        case .object(let o):
            if let inst = o as? PyInstance, let m = inst.cls.lookup("__format__") {
                return try expectString(try call(m, [v, .str(spec)], []), what: "__format__")
            }
            if spec.isEmpty { return try str(v) }
            throw typeError("unsupported format string passed to \(typeName(v)).__format__")
        }
    }

    /// Python's `'...' % args`.
    func percentFormat(_ format: String, _ args: Value) throws -> String {
        var tupleItems: [Value]?
        var mapping: Value?
        switch args {
        case .object(let t as PyTuple): tupleItems = t.items
        case .object(let d as PyDict): mapping = .object(d)
        case .object(let inst as PyInstance) where inst.cls.lookup("__getitem__") != nil: mapping = args
        default: break
        }
        func resolve(_ ref: PyPercentArgRef) throws(PyFormatError) -> Value {
            switch ref {
            case .position(let i): return tupleItems.flatMap { i < $0.count ? $0[i] : nil } ?? .none
            case .whole: return args
            case .key(let k):
                guard let mapping else { throw PyFormatError(.typeError, "format requires a mapping") }
                do { return try getItem(mapping, .str(k)) } catch { throw PyFormatError(propagating: error) }
            }
        }
        let arguments = PyPercentArguments(tupleCount: tupleItems?.count, isMapping: mapping != nil, operand: { ref throws(PyFormatError) in
            let v = try resolve(ref)
            do { return try self.percentOperand(v) } catch { throw PyFormatError(propagating: error) }
        }, text: { ref, conversion throws(PyFormatError) in
            let v = try resolve(ref)
            do {
                switch conversion {
                case .str: return try self.str(v)
                case .repr: return try self.repr(v)
                case .ascii: return self.ascii(try self.repr(v))
                }
            } catch { throw PyFormatError(propagating: error) }
        })
        return try PyFormat.percentFormat(format, arguments)
    }

    func percentOperand(_ v: Value) throws -> PyPercentOperand {
        switch v {
        case .int(let i): return .value(.int(i))
        case .bool(let b): return .value(.bool(b))
        case .float(let d): return .value(.float(d))
        case .str(let s): return .value(.string(s))
        case .tensor(let t):
            if let x = tensorScalarForFormatting(t) {
                switch x {
                case .float(let d): return .object(typeName: "Tensor", index: nil, int: .int(Int(exactly: d.rounded(.towardZero)) ?? 0), float: d)
                case .int(let i): return .object(typeName: "Tensor", index: .int(i), int: .int(i), float: Double(i))
                case .bool(let b): return .object(typeName: "Tensor", index: .int(b ? 1 : 0), int: .int(b ? 1 : 0), float: b ? 1 : 0)
                default: return .object(typeName: "Tensor")
                }
            }
            return .object(typeName: typeName(v))
        default: return .object(typeName: typeName(v))
        }
    }

    func ascii(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 128 {
                out.unicodeScalars.append(u)
            } else if u.value <= 0xFF {
                out += "\\x" + String(u.value, radix: 16).leftPad(2, "0")
            } else if u.value <= 0xFFFF {
                out += "\\u" + String(u.value, radix: 16).leftPad(4, "0")
            } else {
                out += "\\U" + String(u.value, radix: 16).leftPad(8, "0")
            }
        }
        return out
    }
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
/// Python's `str.isprintable()` for one character: not a control, format, surrogate,
/// private-use, unassigned or separator character (the ASCII space excepted).
func isPrintable(_ u: Unicode.Scalar) -> Bool {
    switch u.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
        return false
    case .spaceSeparator:
        return u == " "
    default:
        return true
    }
}

func pyStringRepr(_ s: String) -> String {
    let useDouble = s.contains("'") && !s.contains("\"")
    let q: Character = useDouble ? "\"" : "'"
    var out = String(q)
    for u in s.unicodeScalars {
        switch u {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "'" where !useDouble: out += "\\'"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\x" + String(u.value, radix: 16).leftPad(2, "0")
            } else if u.value >= 0x80 && !isPrintable(u) {
                // Python escapes what str.isprintable() rejects: \xNN, \uNNNN or \UNNNNNNNN.
                if u.value <= 0xFF {
                    out += "\\x" + String(u.value, radix: 16).leftPad(2, "0")
                } else if u.value <= 0xFFFF {
                    out += "\\u" + String(u.value, radix: 16).leftPad(4, "0")
                } else {
                    out += "\\U" + String(u.value, radix: 16).leftPad(8, "0")
                }
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    out.append(q)
    return out
}
