import Foundation
import Tensors

/// Modules a notebook can import. Everything is built on first import, so start-up
/// costs nothing.
extension Interpreter {
    static let sandboxedModules: Set<String> = [
        "os", "sys", "subprocess", "socket", "shutil", "pathlib", "io", "builtins", "importlib", "ctypes",
        "multiprocessing", "threading", "signal", "pickle", "urllib", "http", "requests", "tempfile", "glob",
        "inspect", "gc", "resource", "pty", "select", "asyncio", "code", "runpy",
        "posix", "nt", "_io", "_thread", "_posixsubprocess", "marshal", "mmap", "fcntl", "platform", "sysconfig",
        "site", "zipimport", "webbrowser", "sqlite3", "shelve", "dbm", "ssl", "ftplib", "smtplib", "zipfile",
        "tarfile", "gzip", "bz2", "lzma", "fileinput", "linecache", "faulthandler", "atexit", "getpass", "pwd",
    ]

    func importModule(_ name: String) throws -> Value {
        if let m = modules[name] { return m }
        let top = String(name.split(separator: ".").first ?? Substring(name))
        if Interpreter.sandboxedModules.contains(top) {
            throw makeError("ModuleNotFoundError",
                            "No module named '\(name)': cnb notebooks are sandboxed (no files, network, processes or environment)")
        }
        guard let m = makeModule(name) else {
            throw makeError("ModuleNotFoundError", "No module named '\(name)'")
        }
        modules[name] = m
        // Make `import a.b` also reachable as attribute b of a.
        if let dot = name.lastIndex(of: ".") {
            let parent = String(name[..<dot])
            if case .object(let pm as PyModule) = try importModule(parent) {
                let leaf = String(name[name.index(after: dot)...])
                if pm.dict[leaf] == nil { pm.dict[leaf] = m }
            }
        }
        return m
    }

    /// `from module import name`: an attribute, or a submodule.
    func importFrom(_ module: Value, moduleName: String, name: String) throws -> Value {
        if let v = try getAttributeOrNil(module, name) { return v }
        if let sub = try? importModule(moduleName + "." + name) { return sub }
        throw makeError("ImportError", "cannot import name '\(name)' from '\(moduleName)'")
    }

    func publicAttributes(of module: Value) throws -> [(String, Value)] {
        guard case .object(let m as PyModule) = module else { return [] }
        m.ensureLoaded()
        return m.dict.pairs.filter { !$0.0.hasPrefix("_") }
    }

    /// Registry of module builders; the torch and mxnet dialects add theirs.
    func makeModule(_ name: String) -> Value? {
        switch name {
        case "math": return .object(PyModule(name: name) { [unowned self] m in self.fillMath(m) })
        case "time": return .object(PyModule(name: name) { [unowned self] m in self.fillTime(m) })
        case "collections": return .object(PyModule(name: name) { [unowned self] m in self.fillCollections(m) })
        case "functools": return .object(PyModule(name: name) { [unowned self] m in self.fillFunctools(m) })
        case "itertools": return .object(PyModule(name: name) { [unowned self] m in self.fillItertools(m) })
        case "warnings": return .object(PyModule(name: name) { m in
            m.def("filterwarnings") { _, _ in .none }
            m.def("simplefilter") { _, _ in .none }
            m.def("warn") { i, a in
                if let msg = a.positional.first { i.write("UserWarning: \(try i.str(msg))\n", stream: .stderr) }
                return .none
            }
        })
        case "typing": return .object(PyModule(name: name) { m in
            for n in ["List", "Tuple", "Dict", "Optional", "Any", "Union", "Callable", "Iterable", "Sequence"] {
                m.dict[n] = .object(PyModule(name: "typing.\(n)"))
            }
        })
        case "random": return .object(PyModule(name: name) { [unowned self] m in self.fillRandom(m) })
        default: return makeFrameworkModule(name)
        }
    }

    private func fillMath(_ m: PyModule) {
        m.dict["pi"] = .float(Double.pi)
        m.dict["e"] = .float(M_E)
        m.dict["tau"] = .float(2 * Double.pi)
        m.dict["inf"] = .float(.infinity)
        m.dict["nan"] = .float(.nan)
        func unary(_ name: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> Bool)? = nil) {
            m.def(name, signature: "\(name)(x, /)") { i, a in
                let x = try i.toDouble(try i.bind(name, a, ["x"])[0]!)
                if let domain, !domain(x) { throw i.valueError("math domain error") }
                return .float(f(x))
            }
        }
        unary("sqrt", Foundation.sqrt) { $0 >= 0 || $0.isNaN }
        unary("exp", Foundation.exp)
        unary("log10", Foundation.log10) { $0 > 0 }
        unary("log2", Foundation.log2) { $0 > 0 }
        unary("log1p", Foundation.log1p) { $0 > -1 }
        unary("expm1", Foundation.expm1)
        unary("sin", Foundation.sin)
        unary("cos", Foundation.cos)
        unary("tan", Foundation.tan)
        unary("asin", Foundation.asin)
        unary("acos", Foundation.acos)
        unary("atan", Foundation.atan)
        unary("sinh", Foundation.sinh)
        unary("cosh", Foundation.cosh)
        unary("tanh", Foundation.tanh)
        unary("fabs", Swift.abs)
        unary("erf", Foundation.erf)
        unary("erfc", Foundation.erfc)
        unary("gamma", Foundation.tgamma)
        unary("lgamma", Foundation.lgamma)
        unary("degrees") { $0 * 180 / Double.pi }
        unary("radians") { $0 * Double.pi / 180 }
        m.def("log", signature: "log(x, base=e)") { i, a in
            let b = try i.bind("log", a, ["x", "base?"])
            let x = try i.toDouble(b[0]!)
            if x <= 0 { throw i.valueError("math domain error") }
            if let base = b.given("base") { return .float(Foundation.log(x) / Foundation.log(try i.toDouble(base))) }
            return .float(Foundation.log(x))
        }
        m.def("pow") { i, a in
            let b = try i.bind("pow", a, ["x", "y"])
            return .float(Foundation.pow(try i.toDouble(b[0]!), try i.toDouble(b[1]!)))
        }
        m.def("atan2") { i, a in
            let b = try i.bind("atan2", a, ["y", "x"])
            return .float(Foundation.atan2(try i.toDouble(b[0]!), try i.toDouble(b[1]!)))
        }
        m.def("hypot") { i, a in .float(Foundation.sqrt(try a.positional.reduce(0.0) { let d = try i.toDouble($1); return $0 + d * d })) }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.def(name) { i, a in
                let v = try i.bind(name, a, ["x"])[0]!
                if case .int = v { return v }
                let d = try i.toDouble(v)
                if d.isNaN { throw i.valueError("cannot convert float NaN to integer") }
                guard d.isFinite else { throw i.overflowError("cannot convert float infinity to integer") }
                let r = d.rounded(rule)
                guard Swift.abs(r) < 9.223372036854775807e18 else { throw i.overflowError("int too large to convert to a 64-bit integer") }
                return .int(Int(r))
            }
        }
        m.def("isclose") { i, a in
            let b = try i.bind("isclose", a, ["a", "b", "*", "rel_tol?", "abs_tol?"])
            let x = try i.toDouble(b[0]!), y = try i.toDouble(b[1]!)
            let rt = try b.given("rel_tol").map { try i.toDouble($0) } ?? 1e-9
            let at = try b.given("abs_tol").map { try i.toDouble($0) } ?? 0
            return .bool(x == y || Swift.abs(x - y) <= Swift.max(rt * Swift.max(Swift.abs(x), Swift.abs(y)), at))
        }
        m.def("isnan") { i, a in .bool(try i.toDouble(try i.bind("isnan", a, ["x"])[0]!).isNaN) }
        m.def("isinf") { i, a in .bool(try i.toDouble(try i.bind("isinf", a, ["x"])[0]!).isInfinite) }
        m.def("isfinite") { i, a in .bool(try i.toDouble(try i.bind("isfinite", a, ["x"])[0]!).isFinite) }
        m.def("factorial") { i, a in
            let n = try i.toInt(try i.bind("factorial", a, ["n"])[0]!)
            if n < 0 { throw i.valueError("factorial() not defined for negative values") }
            var r = 1
            for k in stride(from: 2, through: n, by: 1) {
                let (p, o) = r.multipliedReportingOverflow(by: k)
                if o { throw i.overflowError("factorial result overflows 64 bits") }
                r = p
            }
            return .int(r)
        }
        m.def("gcd") { i, a in
            var g = 0
            for v in a.positional {
                let n = try i.toInt(v)
                if n == Int.min { throw i.overflowError("gcd() result overflows 64 bits") }
                var x = Swift.abs(n)
                var y = g
                while y != 0 { (x, y) = (y, x % y) }
                g = x
            }
            return .int(g)
        }
        m.def("prod") { i, a in
            var acc: Value = .int(1)
            for x in try i.iterateAll(try i.bind("prod", a, ["iterable"])[0]!) { acc = try i.binary(.mul, acc, x) }
            return acc
        }
        m.def("fsum") { i, a in
            let xs = try i.iterateAll(try i.bind("fsum", a, ["iterable"])[0]!).map { try i.toDouble($0) }
            var s = 0.0, c = 0.0
            for x in xs {
                let y = x - c
                let t = s + y
                c = (t - s) - y
                s = t
            }
            return .float(s)
        }
        m.def("copysign") { i, a in
            let b = try i.bind("copysign", a, ["x", "y"])
            return .float(Foundation.copysign(try i.toDouble(b[0]!), try i.toDouble(b[1]!)))
        }
    }

    private func fillTime(_ m: PyModule) {
        m.def("perf_counter", signature: "perf_counter()") { _, _ in .float(monotonicSeconds()) }
        m.def("perf_counter_ns") { _, _ in .int(Int(monotonicSeconds() * 1e9)) }
        m.def("monotonic") { _, _ in .float(monotonicSeconds()) }
        m.def("time") { _, _ in .float(Date().timeIntervalSince1970) }
        m.def("process_time") { _, _ in .float(Double(clock()) / Double(CLOCKS_PER_SEC)) }
        m.def("sleep", signature: "sleep(seconds)") { i, a in
            let s = try i.toDouble(try i.bind("sleep", a, ["seconds"])[0]!)
            if s < 0 { throw i.valueError("sleep length must be non-negative") }
            let deadline = monotonicSeconds() + s
            while monotonicSeconds() < deadline {
                if interruptRequest.load(ordering: .relaxed) != 0 { throw i.interruptError() }
                usleep(UInt32(min(10_000, max(1, (deadline - monotonicSeconds()) * 1e6))))
            }
            return .none
        }
    }

    private func fillCollections(_ m: PyModule) {
        let ordered = PyClass(name: "OrderedDict", bases: [builtinTypes["object"]!], module: "collections")
        ordered.nativeConstructor = { i, _, a in
            let d = try i.call(i.builtins["dict"]!, a.positional, a.keywords)
            if case .object(let pd as PyDict) = d { pd.isOrdered = true }
            return d
        }
        m.dict["OrderedDict"] = .object(ordered)
        m.def("defaultdict") { i, a in
            // A plain dict; missing keys are not auto-created (documented limitation).
            try i.call(i.builtins["dict"]!, Array(a.positional.dropFirst()), a.keywords)
        }
        m.def("namedtuple") { i, a in
            let b = try i.bind("namedtuple", a, ["typename", "field_names"], varkw: true)
            let name = try i.toStr(b[0]!)
            var fields: [String]
            if case .str(let s) = b[1]! {
                fields = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
            } else {
                fields = try i.iterateAll(b[1]!).map { try i.toStr($0) }
            }
            let cls = PyClass(name: name, bases: [i.builtinTypes["object"]!])
            let fieldNames = fields
            cls.dict["__init__"] = .object(PyBuiltinFunction("__init__") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
                let bb = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), fieldNames)
                for f in fieldNames { inst.dict[f] = bb[f] ?? Value.none }
                return .none
            })
            cls.dict["__repr__"] = .object(PyBuiltinFunction("__repr__") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
                let parts = try fieldNames.map { "\($0)=\(try i.repr(inst.dict[$0] ?? .none))" }
                return .str("\(name)(\(parts.joined(separator: ", ")))")
            })
            cls.dict["__getitem__"] = .object(PyBuiltinFunction("__getitem__") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
                let idx = try i.toInt(a.positional[1])
                return inst.dict[fieldNames[try i.normalizeIndex(idx, count: fieldNames.count, what: "tuple")]] ?? .none
            })
            cls.dict["__len__"] = .object(PyBuiltinFunction("__len__") { _, _ in .int(fieldNames.count) })
            return .object(cls)
        }
    }

    private func fillFunctools(_ m: PyModule) {
        m.def("reduce") { i, a in
            let b = try i.bind("reduce", a, ["function", "iterable", "initial?"])
            var items = try i.iterateAll(b[1]!)
            var acc: Value
            if let initial = b["initial"] {
                acc = initial
            } else {
                guard !items.isEmpty else { throw i.typeError("reduce() of empty iterable with no initial value") }
                acc = items.removeFirst()
            }
            for x in items { acc = try i.call(b[0]!, [acc, x], []) }
            return acc
        }
        m.def("partial") { i, a in
            guard let f = a.positional.first else { throw i.typeError("partial() missing required argument 'func'") }
            let pre = Array(a.positional.dropFirst())
            let kw = a.keywords
            return .object(PyBuiltinFunction("partial") { i, b in
                try i.call(f, pre + b.positional, kw + b.keywords)
            })
        }
    }

    private func fillItertools(_ m: PyModule) {
        m.def("product") { i, a in
            let b = try i.bind("product", a, ["*", "repeat?"], varargs: true)
            let rep = try b.given("repeat").map { try i.toInt($0) } ?? 1
            var pools = try b.extraPositional.map { try i.iterateAll($0) }
            pools = Array([[[Value]]](repeating: pools, count: max(0, rep)).joined())
            var result: [[Value]] = [[]]
            for pool in pools { result = result.flatMap { prefix in pool.map { prefix + [$0] } } }
            return .object(ArrayIterator(result.map { .object(PyTuple($0)) }, name: "itertools.product"))
        }
        m.def("chain") { i, a in
            var all: [Value] = []
            for x in a.positional { all += try i.iterateAll(x) }
            return .object(ArrayIterator(all, name: "itertools.chain"))
        }
        m.def("count") { i, a in
            let b = try i.bind("count", a, ["start?", "step?"])
            var cur = b["start"] ?? .int(0)
            let step = b["step"] ?? .int(1)
            return .object(ClosureIterator(name: "itertools.count") { i in
                defer { cur = (try? i.binary(.add, cur, step)) ?? cur }
                return cur
            })
        }
    }

    private func fillRandom(_ m: PyModule) {
        // Python's own `random` module, on its own generator (not bit-compatible with CPython).
        var rng = SplitMix(seed: 0x5EED)
        m.def("seed") { i, a in
            let s = try a.positional.first.map { try i.toInt($0) } ?? 0
            rng = SplitMix(seed: UInt64(bitPattern: Int64(s)))
            return .none
        }
        m.def("random") { _, _ in .float(rng.nextDouble()) }
        m.def("uniform") { i, a in
            let b = try i.bind("uniform", a, ["a", "b"])
            let lo = try i.toDouble(b[0]!), hi = try i.toDouble(b[1]!)
            return .float(lo + (hi - lo) * rng.nextDouble())
        }
        m.def("randint") { i, a in
            let b = try i.bind("randint", a, ["a", "b"])
            let lo = try i.toInt(b[0]!), hi = try i.toInt(b[1]!)
            if hi < lo { throw i.valueError("empty range for randrange()") }
            // The span in UInt64 cannot overflow; 0 means the whole 64-bit range.
            let span = UInt64(bitPattern: Int64(hi &- lo)) &+ 1
            let offset = span == 0 ? rng.next() : rng.next() % span
            return .int(lo &+ Int(Int64(bitPattern: offset)))
        }
        m.def("shuffle") { i, a in
            guard case .object(let l as PyList) = try i.bind("shuffle", a, ["x"])[0]! else { throw i.typeError("shuffle() needs a list") }
            if l.items.count > 1 {
                for k in stride(from: l.items.count - 1, to: 0, by: -1) {
                    l.items.swapAt(k, Int(rng.next() % UInt64(k + 1)))
                }
            }
            return .none
        }
        m.def("choice") { i, a in
            let items = try i.iterateAll(try i.bind("choice", a, ["seq"])[0]!)
            guard !items.isEmpty else { throw i.indexError("Cannot choose from an empty sequence") }
            return items[Int(rng.next() % UInt64(items.count))]
        }
        m.def("gauss") { i, a in
            let b = try i.bind("gauss", a, ["mu?", "sigma?"])
            let mu = try b.given("mu").map { try i.toDouble($0) } ?? 0
            let sigma = try b.given("sigma").map { try i.toDouble($0) } ?? 1
            let u1 = max(rng.nextDouble(), 1e-300), u2 = rng.nextDouble()
            return .float(mu + sigma * Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2))
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
