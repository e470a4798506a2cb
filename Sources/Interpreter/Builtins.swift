import Foundation
import Tensors

/// The singleton `NotImplemented`.
final class PyNotImplemented: PyObject {
    override var typeName: String { "NotImplementedType" }
    override func repr(_ interp: Interpreter) throws -> String { "NotImplemented" }
}
nonisolated(unsafe) let notImplementedSingleton = PyNotImplemented()

extension Interpreter {
    func installBuiltins() {
        installBuiltinTypes()
        installExceptions()
        func def(_ name: String, _ sig: String? = nil, _ doc: String? = nil, _ body: @escaping (Interpreter, Arguments) throws -> Value) {
            builtins[name] = .object(PyBuiltinFunction(name, signature: sig, doc: doc, body))
        }
        builtins["None"] = Value.none
        builtins["True"] = .bool(true)
        builtins["False"] = .bool(false)
        builtins["NotImplemented"] = .object(notImplementedSingleton)
        builtins["Ellipsis"] = .object(PyEllipsis.shared)
        builtins["__name__"] = .str("__main__")

        def("print", "print(*args, sep=' ', end='\\n', file=None, flush=False)", "Prints the values, separated by sep and followed by end.") { i, a in
            let b = try i.bind("print", a, ["*", "sep?", "end?", "file?", "flush?"], varargs: true)
            let sep = try b.given("sep").map { try i.toStr($0, "sep") } ?? " "
            let end = try b.given("end").map { try i.toStr($0, "end") } ?? "\n"
            var stream = OutputChannel.stdout
            if let f = b.given("file") {
                if case .object(let s as PyStdStream) = f { stream = s.stream } else {
                    throw i.sandboxError("print(file=...)")
                }
            }
            let text = try b.extraPositional.map { try i.str($0) }.joined(separator: sep) + end
            i.write(text, stream: stream)
            return .none
        }
        def("len", "len(obj, /)", "Returns the number of items in a container.") { i, a in
            let b = try i.bind("len", a, ["obj"])
            return .int(try i.length(b[0]!))
        }
        def("repr", "repr(obj, /)") { i, a in .str(try i.repr(try i.bind("repr", a, ["obj"])[0]!)) }
        def("ascii", "ascii(obj, /)") { i, a in .str(i.ascii(try i.repr(try i.bind("ascii", a, ["obj"])[0]!))) }
        def("abs", "abs(x, /)") { i, a in
            let x = try i.bind("abs", a, ["x"])[0]!
            switch x {
            case .int(let v):
                if v == Int.min { throw i.overflowError("integer absolute value overflows 64 bits") }
                return .int(abs(v))
            case .bool(let v): return .int(v ? 1 : 0)
            case .float(let d): return .float(abs(d))
            case .tensor(let t): return .tensor(try t.abs())
            default:
                if case .object(let o as PyInstance) = x, let m = o.cls.lookup("__abs__") { return try i.call(m, [x], []) }
                throw i.typeError("bad operand type for abs(): '\(i.typeName(x))'")
            }
        }
        def("min", "min(iterable, *, key=None, default=...) or min(a, b, *args, key=None)") { i, a in try i.minMax(a, "min", wantMax: false) }
        def("max", "max(iterable, *, key=None, default=...) or max(a, b, *args, key=None)") { i, a in try i.minMax(a, "max", wantMax: true) }
        def("sum", "sum(iterable, /, start=0)", "Returns start plus the sum of the iterable's items.") { i, a in
            let b = try i.bind("sum", a, ["iterable", "start?"])
            var acc = b["start"] ?? .int(0)
            if case .str = acc { throw i.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            let it = try i.iterate(b[0]!)
            while let x = try it.next(i) { acc = try i.binary(.add, acc, x) }
            return acc
        }
        def("round", "round(number, ndigits=None)") { i, a in
            let b = try i.bind("round", a, ["number", "ndigits?"])
            let x = b[0]!
            let nd = try b.given("ndigits").map { try i.toInt($0, "ndigits") }
            switch x {
            case .int(let v):
                guard let nd, nd < 0 else { return .int(v) }
                // Exact integer rounding to a multiple of 10**k, halves to even.
                let k = nd == Int.min ? Int.max : -nd
                if k >= 19 {
                    if k == 19 && v.magnitude > 5_000_000_000_000_000_000 {
                        throw i.overflowError("rounded value too large for a 64-bit int")
                    }
                    return .int(0)
                }
                var p = 1
                for _ in 0..<k { p *= 10 }
                var q = v / p
                let twice = (v % p).magnitude * 2
                if twice > UInt(p) || (twice == UInt(p) && q % 2 != 0) { q += v < 0 ? -1 : 1 }
                let (r, overflow) = q.multipliedReportingOverflow(by: p)
                if overflow { throw i.overflowError("rounded value too large for a 64-bit int") }
                return .int(r)
            case .bool(let v): return .int(v ? 1 : 0)
            case .float(let d):
                if let nd { return .float(PyFormat.round(d, nd)) }
                if !d.isFinite { throw d.isNaN ? i.valueError("cannot convert float NaN to integer") : i.overflowError("cannot convert float infinity to integer") }
                let r = d.rounded(.toNearestOrEven)
                guard abs(r) < 9.2e18 else { throw i.overflowError("rounded value too large for a 64-bit int") }
                return .int(Int(r))
            case .tensor(let t):
                return .tensor(try t.unary(.round))
            default:
                if case .object(let o as PyInstance) = x, let m = o.cls.lookup("__round__") {
                    return try i.call(m, [x] + (b.given("ndigits").map { [$0] } ?? []), [])
                }
                throw i.typeError("type \(i.typeName(x)) doesn't define __round__ method")
            }
        }
        def("divmod", "divmod(x, y, /)") { i, a in
            let b = try i.bind("divmod", a, ["x", "y"])
            return .object(PyTuple([try i.binary(.floorDiv, b[0]!, b[1]!), try i.binary(.mod, b[0]!, b[1]!)]))
        }
        def("pow", "pow(base, exp, mod=None)") { i, a in
            let b = try i.bind("pow", a, ["base", "exp", "mod?"])
            if let m = b.given("mod") { return try i.modularPower(b[0]!, b[1]!, m) }
            return try i.binary(.pow, b[0]!, b[1]!)
        }
        def("enumerate", "enumerate(iterable, start=0)") { i, a in
            let b = try i.bind("enumerate", a, ["iterable", "start?"])
            let it = try i.iterate(b[0]!)
            var n = try b.given("start").map { try i.toInt($0) } ?? 0
            var exhausted = false
            return .object(ClosureIterator(name: "enumerate") { i in
                guard let x = try it.next(i) else { return nil }
                if exhausted { throw i.overflowError("enumerate index overflows 64 bits") }
                let current = n
                let (next, overflow) = n.addingReportingOverflow(1)
                if overflow { exhausted = true } else { n = next }
                return .object(PyTuple([.int(current), x]))
            })
        }
        def("zip", "zip(*iterables, strict=False)") { i, a in
            let b = try i.bind("zip", a, ["*", "strict?"], varargs: true)
            let its = try b.extraPositional.map { try i.iterate($0) }
            let strict = try b.given("strict").map { try i.truthy($0) } ?? false
            /// "argument 2 is shorter than argument 1", "argument 3 is longer than arguments 1-2".
            func mismatch(_ k: Int, _ how: String) -> PyException {
                i.valueError("zip() argument \(k + 1) is \(how) than argument\(k == 1 ? " 1" : "s 1-\(k)")")
            }
            return .object(ClosureIterator(name: "zip") { i in
                if its.isEmpty { return nil }
                var items: [Value] = []
                for (k, it) in its.enumerated() {
                    guard let x = try it.next(i) else {
                        guard strict else { return nil }
                        if k > 0 { throw mismatch(k, "shorter") }
                        for (m, other) in its.enumerated().dropFirst() where try other.next(i) != nil {
                            throw mismatch(m, "longer")
                        }
                        return nil
                    }
                    items.append(x)
                }
                return .object(PyTuple(items))
            })
        }
        def("map", "map(function, iterable, ...)") { i, a in
            guard a.positional.count >= 2 else { throw i.typeError("map() must have at least two arguments.") }
            let f = a.positional[0]
            let its = try a.positional.dropFirst().map { try i.iterate($0) }
            return .object(ClosureIterator(name: "map") { i in
                var items: [Value] = []
                for it in its {
                    guard let x = try it.next(i) else { return nil }
                    items.append(x)
                }
                return try i.call(f, items, [])
            })
        }
        def("filter", "filter(function, iterable)") { i, a in
            let b = try i.bind("filter", a, ["function", "iterable"])
            let f = b[0]!
            let it = try i.iterate(b[1]!)
            return .object(ClosureIterator(name: "filter") { i in
                while let x = try it.next(i) {
                    let keep = f.isNone ? try i.truthy(x) : try i.truthy(try i.call(f, [x], []))
                    if keep { return x }
                }
                return nil
            })
        }
        def("iter", "iter(iterable)") { i, a in .object(try i.iterate(try i.bind("iter", a, ["iterable"])[0]!)) }
        def("next", "next(iterator, default)") { i, a in
            let b = try i.bind("next", a, ["iterator", "default?"])
            guard case .object(let it as PyIterator) = b[0]! else {
                if case .object(let inst as PyInstance) = b[0]!, let m = inst.cls.lookup("__next__") {
                    return try i.call(m, [b[0]!], [])
                }
                throw i.typeError("'\(i.typeName(b[0]!))' object is not an iterator")
            }
            if let x = try it.next(i) { return x }
            if let d = b["default"] { return d }
            throw i.makeError("StopIteration", "")
        }
        def("any", "any(iterable, /)") { i, a in
            let it = try i.iterate(try i.bind("any", a, ["iterable"])[0]!)
            while let x = try it.next(i) { if try i.truthy(x) { return .bool(true) } }
            return .bool(false)
        }
        def("all", "all(iterable, /)") { i, a in
            let it = try i.iterate(try i.bind("all", a, ["iterable"])[0]!)
            while let x = try it.next(i) { if try !i.truthy(x) { return .bool(false) } }
            return .bool(true)
        }
        def("sorted", "sorted(iterable, /, *, key=None, reverse=False)") { i, a in
            let b = try i.bind("sorted", a, ["iterable", "*", "key?", "reverse?"])
            var items = try i.iterateAll(b[0]!)
            try i.sortValues(&items, key: b.given("key"), reverse: try b.given("reverse").map { try i.truthy($0) } ?? false)
            return .object(PyList(items))
        }
        def("reversed", "reversed(sequence, /)") { i, a in
            let v = try i.bind("reversed", a, ["sequence"])[0]!
            if case .object(let r as PyRange) = v {
                var k = r.count
                return .object(ClosureIterator(name: "range_iterator") { _ in
                    guard k > 0 else { return nil }
                    k -= 1
                    return .int(r.item(k))
                })
            }
            if case .object(let inst as PyInstance) = v, let m = inst.cls.lookup("__reversed__") { return try i.call(m, [v], []) }
            return .object(ArrayIterator(try i.iterateAll(v).reversed(), name: "reversed"))
        }
        def("isinstance", "isinstance(obj, class_or_tuple, /)") { i, a in
            let b = try i.bind("isinstance", a, ["obj", "class_or_tuple"])
            return .bool(try i.isInstance(b[0]!, b[1]!))
        }
        def("issubclass", "issubclass(cls, class_or_tuple, /)") { i, a in
            let b = try i.bind("issubclass", a, ["cls", "class_or_tuple"])
            guard case .object(let c as PyClass) = b[0]! else { throw i.typeError("issubclass() arg 1 must be a class") }
            return .bool(try i.classMatches(c, b[1]!))
        }
        def("hasattr", "hasattr(obj, name, /)") { i, a in
            let b = try i.bind("hasattr", a, ["obj", "name"])
            let n = try i.toStr(b[1]!, "attribute name")
            do { return .bool(try i.getAttributeOrNil(b[0]!, n) != nil) } catch let e as PyException where e.className == "AttributeError" {
                return .bool(false)
            }
        }
        def("getattr", "getattr(object, name, default)") { i, a in
            let b = try i.bind("getattr", a, ["object", "name", "default?"])
            let n = try i.toStr(b[1]!, "attribute name")
            if let d = b["default"] {
                do { return try i.getAttributeOrNil(b[0]!, n) ?? d } catch let e as PyException where e.className == "AttributeError" {
                    return d
                }
            }
            return try i.getAttribute(b[0]!, n)
        }
        def("setattr", "setattr(obj, name, value, /)") { i, a in
            let b = try i.bind("setattr", a, ["obj", "name", "value"])
            try i.setAttribute(b[0]!, try i.toStr(b[1]!, "attribute name"), b[2]!)
            return .none
        }
        def("delattr", "delattr(obj, name, /)") { i, a in
            let b = try i.bind("delattr", a, ["obj", "name"])
            try i.deleteAttribute(b[0]!, try i.toStr(b[1]!, "attribute name"))
            return .none
        }
        def("callable", "callable(obj, /)") { i, a in
            let v = try i.bind("callable", a, ["obj"])[0]!
            if case .object(let o) = v { return .bool(o.isCallable || o is PyClass) }
            return .bool(false)
        }
        def("id", "id(obj, /)") { i, a in
            let v = try i.bind("id", a, ["obj"])[0]!
            switch v {
            case .object(let o): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o).hashValue)) & 0x7fff_ffff_ffff)
            case .tensor(let t): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(t).hashValue)) & 0x7fff_ffff_ffff)
            default: return .int((try? HashKey(v, i).hashValue) ?? 0)
            }
        }
        def("hash", "hash(obj, /)") { i, a in
            let v = try i.bind("hash", a, ["obj"])[0]!
            if case .int(let n) = v { return .int(n == -1 ? -2 : n) }
            let key = try HashKey(v, i)
            if case .int(let n) = key.repr { return .int(n == -1 ? -2 : n) }  // hash(1) == hash(1.0) == 1; -1 is reserved
            return .int(key.userHash ?? key.hashValue)
        }
        def("chr", "chr(i, /)") { i, a in
            let n = try i.toInt(try i.bind("chr", a, ["i"])[0]!)
            guard n >= 0, n <= 0x10FFFF, let u = Unicode.Scalar(UInt32(n)) else { throw i.valueError("chr() arg not in range(0x110000)") }
            return .str(String(u))
        }
        def("ord", "ord(c, /)") { i, a in
            let s = try i.toStr(try i.bind("ord", a, ["c"])[0]!)
            let scalars = Array(s.unicodeScalars)
            guard scalars.count == 1 else {
                throw i.typeError("ord() expected a character, but string of length \(scalars.count) found")
            }
            return .int(Int(scalars[0].value))
        }
        def("hex") { i, a in .str(i.radixString(try i.toInt(try i.bind("hex", a, ["x"])[0]!), 16, "0x")) }
        def("oct") { i, a in .str(i.radixString(try i.toInt(try i.bind("oct", a, ["x"])[0]!), 8, "0o")) }
        def("bin") { i, a in .str(i.radixString(try i.toInt(try i.bind("bin", a, ["x"])[0]!), 2, "0b")) }
        def("format", "format(value, format_spec='', /)") { i, a in
            let b = try i.bind("format", a, ["value", "format_spec?"])
            return .str(try i.formatValue(b[0]!, spec: try b.given("format_spec").map { try i.toStr($0) } ?? ""))
        }
        def("vars", "vars(object)") { i, a in
            let b = try i.bind("vars", a, ["object?"])
            guard let o = b[0] else { return try i.globalsDict() }
            return try i.getAttribute(o, "__dict__")
        }
        def("globals", "globals()") { i, _ in try i.globalsDict() }
        def("locals", "locals()") { i, _ in try i.globalsDict() }
        def("dir", "dir(object)") { i, a in
            let b = try i.bind("dir", a, ["object?"])
            guard let o = b[0] else { return .object(PyList(i.globalNames.sorted().map { .str($0) })) }
            return .object(PyList(i.attributeNames(of: o).sorted().map { .str($0) }))
        }
        def("help", "help(obj)", "Shows the signature and documentation of an object.") { i, a in
            let b = try i.bind("help", a, ["obj?"])
            guard let o = b[0] else {
                i.write("Type help(obj) or obj? for help on an object.\n")
                return .none
            }
            i.write(try i.helpText(o) + "\n")
            return .none
        }
        def("property", "property(fget=None, fset=None)") { i, a in
            let b = try i.bind("property", a, ["fget?", "fset?", "fdel?", "doc?"])
            return .object(PyProperty(getter: b["fget"] ?? .none, setter: b.given("fset")))
        }
        def("staticmethod") { i, a in .object(PyStaticMethod(try i.bind("staticmethod", a, ["function"])[0]!)) }
        def("classmethod") { i, a in .object(PyClassMethod(try i.bind("classmethod", a, ["function"])[0]!)) }
        def("super", "super(type, obj)") { i, a in
            let b = try i.bind("super", a, ["type?", "obj?"])
            guard case .object(let c as PyClass)? = b["type"], let obj = b["obj"] else {
                throw i.runtimeError("super(): no arguments")
            }
            return .object(PySuper(start: c, receiver: obj))
        }
        def("exec", "exec(source)", "Runs source text in the notebook's own sandboxed interpreter.") { i, a in
            let b = try i.bind("exec", a, ["source", "globals?", "locals?"])
            let src = try i.toStr(b[0]!, "exec() arg 1")
            return try i.evalSource(src, mode: "exec")
        }
        def("eval", "eval(source)", "Evaluates an expression in the notebook's own sandboxed interpreter.") { i, a in
            let b = try i.bind("eval", a, ["source", "globals?", "locals?"])
            let src = try i.toStr(b[0]!, "eval() arg 1")
            return try i.evalSource(src, mode: "eval")
        }
        for name in ["open", "input", "__import__", "compile", "breakpoint", "memoryview"] {
            def(name) { i, _ in throw i.sandboxError("\(name)()") }
        }
    }

    func radixString(_ n: Int, _ radix: Int, _ prefix: String) -> String {
        n < 0 ? "-" + prefix + String(n.magnitude, radix: radix) : prefix + String(n, radix: radix)
    }

    func globalsDict() throws -> Value {
        let d = PyDict()
        for name in globalNames.sorted() {
            if let v = globals[name]?.value { try d.set(.str(name), v, self) }
        }
        return .object(d)
    }

    /// Runs `exec`/`eval` source text in the session's globals.
    func evalSource(_ src: String, mode: String) throws -> Value {
        let text = mode == "eval" ? "__cnb_eval_result__ = (\(src))" : src
        switch execute(text, name: "<string>", display: false) {
        case .ok:
            if mode == "eval" {
                let v = globals["__cnb_eval_result__"]?.value ?? .none
                globals["__cnb_eval_result__"]?.value = nil
                return v
            }
            return .none
        case .syntaxError(_, let name, let message):
            throw makeError(name, message)
        case .error(let e):
            throw e
        }
    }

    func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.unicodeScalars.count
        case .tensor(let t):
            guard let n = t.shape.first else { throw typeError("len() of a 0-d tensor") }
            return n
        case .object(let o):
            switch o {
            case let l as PyList: return l.items.count
            case let t as PyTuple: return t.items.count
            case let d as PyDict: return d.count
            case let s as PySet: return s.count
            case let r as PyRange:
                guard let n = r.exactCount else { throw overflowError("Python int too large to convert to C ssize_t") }
                return n
            case let dv as PyDictView: return dv.dict.count
            case let b as PyBytes: return b.bytes.count
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__len__") {
                    let n = try toInt(try call(m, [v], []))
                    if n < 0 { throw valueError("__len__() should return >= 0") }
                    return n
                }
                if let n = try nativeLength(inst) { return n }
            default: break
            }
        default: break
        }
        throw typeError("object of type '\(typeName(v))' has no len()")
    }

    /// Three-argument `pow(base, exp, mod)` on ints, without overflow (a negative exponent
    /// takes the modular inverse, as Python 3.8+ does).
    func modularPower(_ baseV: Value, _ expV: Value, _ modV: Value) throws -> Value {
        guard let base = try intIndex(baseV), let exp = try intIndex(expV), let mod = try intIndex(modV) else {
            throw typeError("pow() 3rd argument not allowed unless all arguments are integers")
        }
        if mod == 0 { throw valueError("pow() 3rd argument cannot be 0") }
        let m = mod.magnitude
        func mulmod(_ x: UInt, _ y: UInt) -> UInt {
            let (high, low) = x.multipliedFullWidth(by: y)
            return m.dividingFullWidth((high, low)).remainder
        }
        let reduced = base.magnitude % m
        var b = base < 0 && reduced != 0 ? m - reduced : reduced
        if exp < 0 {
            // The inverse of b modulo m, by the extended Euclidean algorithm.
            var (r0, r1) = (Int(truncatingIfNeeded: m), Int(truncatingIfNeeded: b))
            var (t0, t1) = (0, 1)
            if m > UInt(Int.max) { throw overflowError("pow() modulus overflows 64 bits") }
            while r1 != 0 {
                let q = r0 / r1
                (r0, r1) = (r1, r0 - q * r1)
                (t0, t1) = (t1, t0 &- q &* t1)
            }
            if r0 != 1 { throw valueError("base is not invertible for the given modulus") }
            b = UInt(bitPattern: t0 < 0 ? t0 + Int(m) : t0)
        }
        var result: UInt = 1 % m
        var e = exp.magnitude
        while e > 0 {
            if e & 1 == 1 { result = mulmod(result, b) }
            b = mulmod(b, b)
            e >>= 1
        }
        // Python's result has the sign of the modulus.
        if mod < 0 && result != 0 { return .int(-Int(m - result)) }
        return .int(Int(result))
    }

    func minMax(_ a: Arguments, _ name: String, wantMax: Bool) throws -> Value {
        let b = try bind(name, a, ["*", "key?", "default?"], varargs: true)
        let items: [Value]
        if b.extraPositional.count == 1 {
            items = try iterateAll(b.extraPositional[0])
            if items.isEmpty {
                if let d = b["default"] { return d }
                throw valueError("\(name)() arg is an empty sequence")
            }
        } else if b.extraPositional.isEmpty {
            throw typeError("\(name) expected at least 1 argument, got 0")
        } else {
            items = b.extraPositional
        }
        let key = b.given("key")
        var best = items[0]
        var bestKey = try key.map { try call($0, [best], []) } ?? best
        for x in items.dropFirst() {
            let k = try key.map { try call($0, [x], []) } ?? x
            let better = try truthy(try compare(wantMax ? .gt : .lt, k, bestKey))
            if better {
                best = x
                bestKey = k
            }
        }
        return best
    }

    /// Stable merge sort whose comparisons may throw (user keys, mixed types).
    func sortValues(_ items: inout [Value], key: Value?, reverse: Bool) throws {
        let keys = try items.map { item in try key.map { k in try call(k, [item], []) } ?? item }
        var idx = Array(items.indices)
        func less(_ a: Int, _ b: Int) throws -> Bool {
            reverse ? try order(.lt, keys[b], keys[a]) : try order(.lt, keys[a], keys[b])
        }
        var tmp = idx
        func mergeSort(_ lo: Int, _ hi: Int) throws {
            if hi - lo < 2 { return }
            let mid = (lo + hi) / 2
            try mergeSort(lo, mid)
            try mergeSort(mid, hi)
            var i = lo, j = mid, k = lo
            while i < mid && j < hi {
                if try less(idx[j], idx[i]) {
                    tmp[k] = idx[j]; j += 1
                } else {
                    tmp[k] = idx[i]; i += 1
                }
                k += 1
            }
            while i < mid { tmp[k] = idx[i]; i += 1; k += 1 }
            while j < hi { tmp[k] = idx[j]; j += 1; k += 1 }
            for t in lo..<hi { idx[t] = tmp[t] }
        }
        try mergeSort(0, idx.count)
        items = idx.map { items[$0] }
    }

    func isInstance(_ v: Value, _ spec: Value) throws -> Bool {
        try classMatches(classOf(v), spec)
    }

    func classMatches(_ c: PyClass, _ spec: Value) throws -> Bool {
        switch spec {
        case .object(let k as PyClass): return c.isSubclass(of: k)
        case .object(let t as PyTuple):
            for s in t.items where try classMatches(c, s) { return true }
            return false
        default:
            throw typeError("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }
    }

    /// Names for `dir()` and completion.
    public func attributeNames(of v: Value) -> [String] {
        switch v {
        case .tensor: return tensorAttributeNames()
        case .object(let inst as PyInstance):
            var names = inst.attributeNames(self)
            if let n = inst.native as? NativeInstanceState { names += n.attributeNames() }
            return Array(Set(names))
        case .object(let o):
            return o.attributeNames(self) + builtinMethodNames(v)
        default:
            return builtinMethodNames(v)
        }
    }

    /// The text of `help(obj)` and `obj?`.
    public func helpText(_ v: Value) throws -> String {
        var lines: [String] = []
        switch v {
        case .object(let f as PyFunction):
            lines.append("Signature: \(f.code.signature)")
            if let d = f.code.docstring { lines.append("Docstring: \(d.trimmingWhitespace())") }
            lines.append("Type:      function")
        case .object(let f as PyBuiltinFunction):
            lines.append("Signature: \(f.signature ?? f.qualifiedName + "(...)")")
            if let d = f.doc { lines.append("Docstring: \(d)") }
            lines.append("Type:      builtin_function_or_method")
        case .object(let m as PyBoundMethod):
            return try helpText(m.function)
        case .object(let c as PyClass):
            if let ini = c.lookup("__init__"), case .object(let f as PyFunction) = ini {
                var sig = f.code.signature
                sig = sig.replacingFirst("__init__(self, ", with: "\(c.name)(").replacingFirst("__init__(self)", with: "\(c.name)()")
                lines.append("Init signature: \(sig)")
            }
            if let d = c.doc { lines.append("Docstring: \(d.trimmingWhitespace())") }
            lines.append("Type:      type")
        case .object(let m as PyModule):
            lines.append("Module \(m.name)")
            lines.append("Members: " + m.attributeNames(self).filter { !$0.hasPrefix("_") }.sorted().joined(separator: ", "))
        default:
            lines.append("Type:        \(typeName(v))")
            lines.append("String form: \(try str(v))")
            if case .tensor(let t) = v { lines.append("Shape:       \(t.shape), dtype: torch.\(t.dtype.name)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
    func replacingFirst(_ target: String, with rep: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: rep)
    }
}

/// `sys.stdout`-like object used by `print(file=...)` (only the two standard streams).
final class PyStdStream: PyObject {
    let stream: OutputChannel
    init(_ stream: OutputChannel) { self.stream = stream }
    override var typeName: String { "TextIOWrapper" }
}
