import Foundation
import Tensors

extension Interpreter {
    func installBuiltinTypes() {
        let object = PyClass(name: "object", bases: [], module: "builtins")
        builtinTypes["object"] = object
        object.nativeConstructor = { i, cls, a in
            if cls === object {
                if !a.positional.isEmpty { throw i.typeError("object() takes no arguments") }
                return .object(PyInstance(cls: object))
            }
            return .none
        }
        // User classes deriving from object construct normally: clear the hook below them.
        func type(_ name: String, base: PyClass? = nil, _ ctor: @escaping (Interpreter, Arguments) throws -> Value) {
            let c = PyClass(name: name, bases: [base ?? object], module: "builtins")
            c.nativeConstructor = { i, _, a in try ctor(i, a) }
            builtinTypes[name] = c
            builtins[name] = .object(c)
        }
        object.nativeConstructor = nil
        builtins["object"] = .object(object)
        // `object.__setattr__(self, name, value)`, for user `__setattr__` overrides.
        object.dict["__setattr__"] = .object(PyBuiltinFunction("__setattr__", qualified: "object.__setattr__") { i, a in
            let b = try i.bind("__setattr__", a, ["self", "name", "value"])
            guard case .object(let inst as PyInstance) = b[0]! else {
                throw i.typeError("can't apply this __setattr__ to \(i.typeName(b[0]!)) object")
            }
            try i.setInstanceAttribute(inst, try i.toStr(b[1]!, "attribute name"), b[2]!)
            return .none
        })
        type("int") { i, a in
            let b = try i.bind("int", a, ["x?", "base?"])
            guard let x = b[0] else { return .int(0) }
            if let baseV = b.given("base") {
                let s = try i.toStr(x).trimmingWhitespace().replacingOccurrences(of: "_", with: "")
                var base = try i.toInt(baseV)
                // Swift's Int(_:radix:) traps outside 2...36 (found by fuzzing: int('ff', 56)).
                if base != 0 && !(2...36).contains(base) {
                    throw i.valueError("int() base must be >= 2 and <= 36, or 0")
                }
                var body = s.lowercased()
                var neg = false
                if body.hasPrefix("-") { neg = true; body.removeFirst() } else if body.hasPrefix("+") { body.removeFirst() }
                if base == 0 {
                    base = body.hasPrefix("0x") ? 16 : body.hasPrefix("0o") ? 8 : body.hasPrefix("0b") ? 2 : 10
                }
                if body.hasPrefix("-") || body.hasPrefix("+") {
                    throw i.valueError("invalid literal for int() with base \(base): \(pyStringRepr(s))")
                }
                if base == 16, body.hasPrefix("0x") { body.removeFirst(2) }
                if base == 8, body.hasPrefix("0o") { body.removeFirst(2) }
                if base == 2, body.hasPrefix("0b") { body.removeFirst(2) }
                guard let v = Int(body, radix: base) else {
                    throw i.valueError("invalid literal for int() with base \(base): \(pyStringRepr(s))")
                }
                return .int(neg ? -v : v)
            }
            return try i.toIntValue(x)
        }
        type("float") { i, a in
            let b = try i.bind("float", a, ["x?"])
            guard let x = b[0] else { return .float(0) }
            return try i.toFloatValue(x)
        }
        type("str") { i, a in
            let b = try i.bind("str", a, ["object?", "encoding?", "errors?"])
            guard let x = b[0] else { return .str("") }
            return .str(try i.str(x))
        }
        type("bool", base: builtinTypes["int"]) { i, a in
            let b = try i.bind("bool", a, ["x?"])
            guard let x = b[0] else { return .bool(false) }
            return .bool(try i.truthy(x))
        }
        type("list") { i, a in
            let b = try i.bind("list", a, ["iterable?"])
            guard let x = b[0] else { return .object(PyList([])) }
            return .object(PyList(try i.iterateAll(x)))
        }
        type("tuple") { i, a in
            let b = try i.bind("tuple", a, ["iterable?"])
            guard let x = b[0] else { return .object(PyTuple.empty) }
            return .object(PyTuple(try i.iterateAll(x)))
        }
        type("dict") { i, a in
            let b = try i.bind("dict", a, ["mapping?"], varkw: true)
            let d = PyDict()
            if let m = b[0] {
                if case .object(let src as PyDict) = m {
                    for (k, v) in src.pairs { try d.set(k, v, i) }
                } else if case .object(let inst as PyInstance) = m, inst.cls.lookup("keys") != nil {
                    for (k, v) in try i.mappingPairs(m) { try d.set(k, v, i) }
                } else {
                    for item in try i.iterateAll(m) {
                        let kv = try i.iterateAll(item)
                        guard kv.count == 2 else {
                            throw i.valueError("dictionary update sequence element has length \(kv.count); 2 is required")
                        }
                        try d.set(kv[0], kv[1], i)
                    }
                }
            }
            for (k, v) in b.extraKeywords { try d.set(.str(k), v, i) }
            return .object(d)
        }
        type("set") { i, a in
            let b = try i.bind("set", a, ["iterable?"])
            let s = PySet()
            if let x = b[0] { for v in try i.iterateAll(x) { try s.insert(v, i) } }
            return .object(s)
        }
        type("frozenset") { i, a in
            let b = try i.bind("frozenset", a, ["iterable?"])
            let s = PySet()
            s.frozen = true
            if let x = b[0] { for v in try i.iterateAll(x) { try s.insert(v, i) } }
            return .object(s)
        }
        type("range") { i, a in
            // The loops' `range(n)` / `range(a, b)` with int arguments, without binding by name.
            if a.keywords.isEmpty {
                let p = a.positional
                if p.count == 1, case .int(let n) = p[0] { return .object(PyRange(0, n, 1)) }
                if p.count == 2, case .int(let x) = p[0], case .int(let y) = p[1] { return .object(PyRange(x, y, 1)) }
            }
            let b = try i.bind("range", a, ["start", "stop?", "step?"])
            func asInt(_ v: Value) throws -> Int {
                if case .float = v { throw i.typeError("'float' object cannot be interpreted as an integer") }
                guard let n = try i.intIndex(v) else {
                    throw i.typeError("'\(i.typeName(v))' object cannot be interpreted as an integer")
                }
                return n
            }
            let first = try asInt(b[0]!)
            guard let stopV = b["stop"] else { return .object(PyRange(0, first, 1)) }
            let step = try b["step"].map { try asInt($0) } ?? 1
            if step == 0 { throw i.valueError("range() arg 3 must not be zero") }
            return .object(PyRange(first, try asInt(stopV), step))
        }
        type("slice") { i, a in
            let b = try i.bind("slice", a, ["start", "stop?", "step?"])
            guard let stop = b["stop"] else { return .object(PySlice(.none, b[0]!, .none)) }
            return .object(PySlice(b[0]!, stop, b["step"] ?? .none))
        }
        type("type") { i, a in
            if a.positional.count == 1 { return .object(i.classOf(a.positional[0])) }
            let b = try i.bind("type", a, ["name", "bases", "dict"])
            var table = AttributeTable()
            for (k, v) in try i.mappingPairs(b[2]!) { table[try i.toStr(k)] = v }
            return try i.makeClass(name: try i.toStr(b[0]!), qualifiedName: try i.toStr(b[0]!),
                                   bases: try i.iterateAll(b[1]!), namespace: table, doc: nil)
        }
        let noneType = PyClass(name: "NoneType", bases: [object], module: "builtins")
        builtinTypes["NoneType"] = noneType
        for name in ["function", "builtin_function_or_method", "method", "module", "generator", "NotImplementedType", "ellipsis"] {
            builtinTypes[name] = PyClass(name: name, bases: [object], module: "builtins")
        }
    }

    func installExceptions() {
        let object = builtinTypes["object"]!
        let base = PyClass(name: "BaseException", bases: [object], module: "builtins")
        base.isException = true
        // `super().__init__(message)` in user exceptions: (re)sets args and the message.
        base.dict["__init__"] = .object(PyBuiltinFunction("__init__", qualified: "BaseException.__init__") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first else {
                throw i.typeError("descriptor '__init__' of 'BaseException' object needs an argument")
            }
            let args = Array(a.positional.dropFirst())
            let message = args.count == 1 ? try i.str(args[0]) : (args.isEmpty ? "" : try i.repr(.object(PyTuple(args))))
            let cause = (inst.native as? ExceptionState)?.cause ?? .none
            let state = ExceptionState(args: args, message: message)
            state.cause = cause
            inst.native = state
            return .none
        })
        var all: [String: PyClass] = ["BaseException": base]
        func ex(_ name: String, _ parent: String) {
            let c = PyClass(name: name, bases: [all[parent]!], module: "builtins")
            all[name] = c
        }
        ex("Exception", "BaseException")
        ex("KeyboardInterrupt", "BaseException")
        ex("SystemExit", "BaseException")
        ex("GeneratorExit", "BaseException")
        ex("ArithmeticError", "Exception")
        ex("ZeroDivisionError", "ArithmeticError")
        ex("OverflowError", "ArithmeticError")
        ex("FloatingPointError", "ArithmeticError")
        ex("LookupError", "Exception")
        ex("IndexError", "LookupError")
        ex("KeyError", "LookupError")
        ex("AssertionError", "Exception")
        ex("AttributeError", "Exception")
        ex("NameError", "Exception")
        ex("UnboundLocalError", "NameError")
        ex("TypeError", "Exception")
        ex("ValueError", "Exception")
        ex("UnicodeError", "ValueError")
        ex("RuntimeError", "Exception")
        ex("NotImplementedError", "RuntimeError")
        ex("RecursionError", "RuntimeError")
        ex("ImportError", "Exception")
        ex("ModuleNotFoundError", "ImportError")
        ex("StopIteration", "Exception")
        ex("OSError", "Exception")
        ex("PermissionError", "OSError")
        ex("FileNotFoundError", "OSError")
        ex("TimeoutError", "OSError")
        ex("MemoryError", "Exception")
        ex("SyntaxError", "Exception")
        ex("IndentationError", "SyntaxError")
        ex("TabError", "IndentationError")
        ex("Warning", "Exception")
        ex("UserWarning", "Warning")
        ex("DeprecationWarning", "Warning")
        ex("RuntimeWarning", "Warning")
        builtinExceptionClasses = all
        for (name, c) in all {
            builtins[name] = .object(c)
            builtinTypes[name] = c
        }
        builtins["IOError"] = .object(all["OSError"]!)
        builtins["EnvironmentError"] = .object(all["OSError"]!)
    }

    func toIntValue(_ x: Value) throws -> Value {
        switch x {
        case .int: return x
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            if d.isNaN { throw valueError("cannot convert float NaN to integer") }
            if d.isInfinite { throw overflowError("cannot convert float infinity to integer") }
            guard abs(d) < 9.223372036854775e18 else { throw overflowError("int too large to convert to a 64-bit integer") }
            return .int(Int(d))
        case .str(let s):
            let t = s.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
            guard let v = Int(t) else {
                // A well-formed literal that does not fit in 64 bits (ints are 64-bit in cnb).
                let digits = t.hasPrefix("-") || t.hasPrefix("+") ? t.dropFirst() : Substring(t)
                if !digits.isEmpty && digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw overflowError("int too large to convert to a 64-bit integer")
                }
                throw valueError("invalid literal for int() with base 10: \(pyStringRepr(s))")
            }
            return .int(v)
        case .tensor(let t): return try tensorToPythonInt(t)
        case .object(let o as PyInstance):
            if let m = o.cls.lookup("__int__") { return try call(m, [x], []) }
            if let m = o.cls.lookup("__index__") { return try call(m, [x], []) }
        default: break
        }
        throw typeError("int() argument must be a string, a bytes-like object or a real number, not '\(typeName(x))'")
    }

    func toFloatValue(_ x: Value) throws -> Value {
        switch x {
        case .float: return x
        case .int(let i): return .float(Double(i))
        case .bool(let b): return .float(b ? 1 : 0)
        case .str(let s):
            let t = s.trimmingWhitespace().lowercased().replacingOccurrences(of: "_", with: "")
            switch t {
            case "nan", "+nan", "-nan": return .float(.nan)
            case "inf", "+inf", "infinity", "+infinity": return .float(.infinity)
            case "-inf", "-infinity": return .float(-.infinity)
            default: break
            }
            guard let v = Double(t) else { throw valueError("could not convert string to float: \(pyStringRepr(s))") }
            return .float(v)
        case .tensor(let t): return try tensorToPythonFloat(t)
        case .object(let o as PyInstance):
            if let m = o.cls.lookup("__float__") { return try call(m, [x], []) }
        default: break
        }
        throw typeError("float() argument must be a string or a real number, not '\(typeName(x))'")
    }

    /// Attributes of ints and floats (`x.real`, `x.imag`).
    func scalarAttribute(_ v: Value, _ name: String) throws -> Value? {
        switch (v, name) {
        case (.int, "real"), (.float, "real"): return v
        case (.int, "imag"): return .int(0)
        case (.float, "imag"): return .float(0)
        case (.int, "numerator"): return v
        case (.int, "denominator"): return .int(1)
        default: return nil
        }
    }

    func builtinMethodNames(_ v: Value) -> [String] {
        switch v {
        case .str: return Array(stringMethods.keys)
        case .object(let o):
            switch o {
            case is PyList: return Array(listMethods.keys)
            case is PyDict: return Array(dictMethods.keys)
            case is PySet: return Array(setMethods.keys)
            case is PyTuple: return ["count", "index"]
            default: return []
            }
        default: return []
        }
    }

    /// `str.upper`, `list.append`, `dict.keys`... read from the type: the native method,
    /// which takes its receiver as the first argument.
    func unboundBuiltinMethod(_ cls: PyClass, _ name: String) -> PyBuiltinFunction? {
        let tables: [(String, [String: PyBuiltinFunction])] = [
            ("str", stringMethods), ("list", listMethods), ("dict", dictMethods), ("set", setMethods),
            ("tuple", tupleMethods), ("int", intMethods), ("float", floatMethods),
        ]
        for (typeName, table) in tables where builtinTypes[typeName] === cls { return table[name] }
        return nil
    }

    /// Native methods of builtin values (`s.split`, `l.append`, `d.items`).
    func builtinMethod(_ v: Value, _ name: String) -> PyBuiltinFunction? {
        switch v {
        case .str: return stringMethods[name]
        case .int: return intMethods[name]
        case .float: return floatMethods[name]
        case .object(let o):
            switch o {
            case is PyList: return listMethods[name]
            case is PyDict: return dictMethods[name]
            case is PySet: return setMethods[name]
            case is PyTuple: return tupleMethods[name]
            default: return nil
            }
        default: return nil
        }
    }
}
