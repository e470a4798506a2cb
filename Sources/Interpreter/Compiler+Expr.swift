import Language

extension Compiler {
    func expr(_ e: Expr) throws -> Code {
        unowned let interp = self.interp
        let span = e.span
        switch e.kind {
        case .name(let n):
            return load(n, span)
        case .int(let i):
            let v = Value.int(i)
            return { _ in v }
        case .bigInt(let digits):
            return { _ in throw interp.locate(interp.overflowError("integer literal too large: \(digits.prefix(30))"), span) }
        case .float(let d):
            let v = Value.float(d)
            return { _ in v }
        case .imaginary:
            return { _ in throw interp.locate(interp.notImplemented("complex numbers are not supported"), span) }
        case .string(let s):
            let v = Value.str(s)
            return { _ in v }
        case .bytes(let b):
            let v = Value.object(PyBytes(b))
            return { _ in v }
        case .fstring(let parts):
            return try fstring(parts, span)
        case .bool(let b):
            let v = Value.bool(b)
            return { _ in v }
        case .none:
            return { _ in .none }
        case .ellipsis:
            return { _ in .object(PyEllipsis.shared) }
        case .unary(let op, let x):
            let c = try expr(x)
            if op == .neg, case .int(let i) = x.kind, i != Int.min {
                let v = Value.int(-i)
                return { _ in v }
            }
            if op == .neg, case .float(let d) = x.kind {
                let v = Value.float(-d)
                return { _ in v }
            }
            return { f in
                let v = try c(f)
                do { return try interp.unary(op, v) } catch { throw interp.locate(error, span) }
            }
        case .binary(let op, let a, let b):
            let l = try expr(a)
            let r = try expr(b)
            if let fast = localIntArithmetic(op, a, b, l, r, span) { return fast }
            return { f in
                let x = try l(f)
                let y = try r(f)
                // Inline fast paths for small-int arithmetic.
                if case .int(let i) = x, case .int(let j) = y {
                    switch op {
                    case .add:
                        let (s, o) = i.addingReportingOverflow(j)
                        if !o { return .int(s) }
                    case .sub:
                        let (s, o) = i.subtractingReportingOverflow(j)
                        if !o { return .int(s) }
                    case .mul:
                        let (s, o) = i.multipliedReportingOverflow(by: j)
                        if !o { return .int(s) }
                    default: break
                    }
                }
                do { return try interp.binary(op, x, y) } catch { throw interp.locate(error, span) }
            }
        case .boolOp(let op, let a, let b):
            let l = try expr(a)
            let r = try expr(b)
            let aspan = a.span
            switch op {
            case .and:
                return { f in
                    let x = try l(f)
                    let t: Bool
                    do { t = try interp.truthy(x) } catch { throw interp.locate(error, aspan) }
                    return t ? try r(f) : x
                }
            case .or:
                return { f in
                    let x = try l(f)
                    let t: Bool
                    do { t = try interp.truthy(x) } catch { throw interp.locate(error, aspan) }
                    return t ? x : try r(f)
                }
            }
        case .compare(let first, let rest):
            let c0 = try expr(first)
            let ops = try rest.map { ($0.op, try expr($0.operand)) }
            if ops.count == 1 {
                let (op, c1) = ops[0]
                return { f in
                    let x = try c0(f)
                    let y = try c1(f)
                    if case .int(let i) = x, case .int(let j) = y {
                        switch op {
                        case .lt: return .bool(i < j)
                        case .le: return .bool(i <= j)
                        case .gt: return .bool(i > j)
                        case .ge: return .bool(i >= j)
                        case .eq: return .bool(i == j)
                        case .ne: return .bool(i != j)
                        default: break
                        }
                    }
                    do { return try interp.compare(op, x, y) } catch { throw interp.locate(error, span) }
                }
            }
            return { f in
                var x = try c0(f)
                var result: Value = .bool(true)
                for (op, c) in ops {
                    let y = try c(f)
                    do {
                        result = try interp.compare(op, x, y)
                        if try !interp.truthy(result) { return result }
                    } catch { throw interp.locate(error, span) }
                    x = y
                }
                return result
            }
        case .call(let fn, let args):
            if let fused = try fusedMulSum(fn, args, span) { return fused }
            return try call(fn, args, span)
        case .attribute(let obj, let name):
            let o = try expr(obj)
            return { f in
                let v = try o(f)
                do { return try interp.getAttribute(v, name) } catch { throw interp.locate(error, span) }
            }
        case .subscript(let obj, let index):
            if case .attribute(let base, "shape") = obj.kind, case .int(let k) = index.kind {
                // `t.shape[0]` (loop bounds): the size read directly, with no torch.Size tuple.
                let b = try expr(base)
                let attrSpan = obj.span
                return { f in
                    let v = try b(f)
                    if case .tensor(let t) = v, k >= 0, k < t.rank { return .int(t.shape[k]) }
                    let s: Value
                    do { s = try interp.getAttribute(v, "shape") } catch { throw interp.locate(error, attrSpan) }
                    do { return try interp.getItem(s, .int(k)) } catch { throw interp.locate(error, span) }
                }
            }
            if let inline = try subscriptExpr(obj, index, span) { return inline }
            let o = try expr(obj)
            let i = try expr(index)
            return { f in
                let v = try o(f)
                let k = try i(f)
                do { return try interp.getItem(v, k) } catch { throw interp.locate(error, span) }
            }
        case .slice(let a, let b, let c):
            let ca = try a.map { try expr($0) }
            let cb = try b.map { try expr($0) }
            let cc = try c.map { try expr($0) }
            return { f in
                .object(PySlice(try ca?(f) ?? .none, try cb?(f) ?? .none, try cc?(f) ?? .none))
            }
        case .tuple(let xs):
            let build = try sequenceBuilder(xs)
            return { f in .object(PyTuple(try build(f))) }
        case .list(let xs):
            let build = try sequenceBuilder(xs)
            return { f in .object(PyList(try build(f))) }
        case .set(let xs):
            let build = try sequenceBuilder(xs)
            return { f in
                let s = PySet()
                for v in try build(f) { try s.insert(v, interp) }
                return .object(s)
            }
        case .dict(let entries):
            let parts: [(Code, Code?)] = try entries.map { en in
                switch en {
                case .pair(let k, let v): return (try expr(k), try expr(v))
                case .unpack(let x): return (try expr(x), nil)
                }
            }
            return { f in
                let d = PyDict()
                do {
                    for (k, v) in parts {
                        if let v {
                            try d.set(try k(f), try v(f), interp)
                        } else {
                            for (kk, vv) in try interp.mappingPairs(try k(f)) { try d.set(kk, vv, interp) }
                        }
                    }
                } catch { throw interp.locate(error, span) }
                return .object(d)
            }
        case .starred:
            throw syntaxError("can't use starred expression here", span)
        case .listComp(let elt, let gens):
            let run = try comprehension(gens, elements: [elt]) { c in
                let code = try c.expr(elt)
                return { f, acc in (acc as! PyList).items.append(try code(f)) }
            }
            return { f in
                let l = PyList([])
                try run(f, l)
                return .object(l)
            }
        case .generator(let elt, let gens):
            return try lazyGenerator(gens, elt, span)
        case .setComp(let elt, let gens):
            let run = try comprehension(gens, elements: [elt]) { c in
                let code = try c.expr(elt)
                return { f, acc in try (acc as! PySet).insert(try code(f), interp) }
            }
            return { f in
                let s = PySet()
                try run(f, s)
                return .object(s)
            }
        case .dictComp(let k, let v, let gens):
            let run = try comprehension(gens, elements: [k, v]) { c in
                let kc = try c.expr(k)
                let vc = try c.expr(v)
                return { f, acc in try (acc as! PyDict).set(try kc(f), try vc(f), interp) }
            }
            return { f in
                let d = PyDict()
                try run(f, d)
                return .object(d)
            }
        case .ifExp(let test, let body, let orelse):
            let t = try expr(test)
            let b = try expr(body)
            let o = try expr(orelse)
            let tspan = test.span
            return { f in
                let cond: Bool
                do { cond = try interp.truthy(try t(f)) } catch { throw interp.locate(error, tspan) }
                return cond ? try b(f) : try o(f)
            }
        case .lambda(let params, let body):
            let analysis = ScopeAnalysis.lambda(params: params, body: body)
            let make = try makeFunction(name: "<lambda>", params: params, analysis: analysis, headerSpan: span,
                                        docstring: nil) { c in
                let code = try c.expr(body)
                return { f in
                    f.returnValue = try code(f)
                    return .returned
                }
            }
            return { f in try make(f) }
        case .namedExpr(let name, let value):
            let v = try expr(value)
            let st = storeName(name)
            return { f in
                let x = try v(f)
                try st(f, x)
                return x
            }
        }
    }

    /// Builds the items of a display, expanding `*x`.
    func sequenceBuilder(_ xs: [Expr]) throws -> (Frame) throws -> [Value] {
        unowned let interp = self.interp
        let hasStar = xs.contains { if case .starred = $0.kind { return true }; return false }
        if !hasStar {
            let codes = try xs.map { try expr($0) }
            return { f in
                var out: [Value] = []
                out.reserveCapacity(codes.count)
                for c in codes { out.append(try c(f)) }
                return out
            }
        }
        let parts: [(Code, Bool, Span)] = try xs.map { x in
            if case .starred(let inner) = x.kind { return (try expr(inner), true, x.span) }
            return (try expr(x), false, x.span)
        }
        return { f in
            var out: [Value] = []
            for (c, star, sp) in parts {
                let v = try c(f)
                if star {
                    do { out.append(contentsOf: try interp.iterateAll(v)) } catch { throw interp.locate(error, sp) }
                } else {
                    out.append(v)
                }
            }
            return out
        }
    }

    /// Compiles comprehension loops inline: loop variables get fresh slots in the current
    /// frame (shadowing outer names), so no function call is made per comprehension.
    func comprehension(_ gens: [Comprehension], elements: [Expr],
                       _ body: (Compiler) throws -> (Frame, AnyObject) throws -> Void) throws -> (Frame, AnyObject) throws -> Void {
        unowned let interp = self.interp
        let (plan, inner) = try comprehensionPlan(gens, elements: elements, body)
        let levels = plan.levels, firstIter = plan.firstIter, cellIndices = plan.cellIndices
        func run(_ level: Int, _ f: Frame, _ acc: AnyObject, _ iterable: Value?) throws {
            let (iterCode, st, conds, ispan) = levels[level]
            let source: Value
            if let iterable { source = iterable } else if let iterCode { source = try iterCode(f) } else { return }
            let it: PyIterator
            do { it = try interp.iterate(source) } catch { throw interp.locate(error, ispan) }
            outer: while let x = try it.next(interp) {
                if interruptRequest.load(ordering: .relaxed) != 0 { throw interp.interruptError() }
                try st(f, x)
                for c in conds where try !interp.truthy(try c(f)) { continue outer }
                if level + 1 == levels.count {
                    try inner(f, acc)
                } else {
                    try run(level + 1, f, acc, nil)
                }
            }
        }
        if cellIndices.isEmpty { return { f, acc in try run(0, f, acc, try firstIter(f)) } }
        return { f, acc in
            let source = try firstIter(f)
            ComprehensionPlan.freshCells(cellIndices, f)
            try run(0, f, acc, source)
        }
    }

    /// A generator expression: lazy, like Python's. The first iterable is evaluated (and
    /// `iter()` called on it) at once; everything else runs as items are requested.
    func lazyGenerator(_ gens: [Comprehension], _ elt: Expr, _ span: Span) throws -> Code {
        unowned let interp = self.interp
        let (plan, element) = try comprehensionPlan(gens, elements: [elt]) { c in try c.expr(elt) }
        let levels = plan.levels, firstIter = plan.firstIter, cellIndices = plan.cellIndices
        return { f in
            let source = try firstIter(f)
            let first: PyIterator
            do { first = try interp.iterate(source) } catch { throw interp.locate(error, levels[0].3) }
            ComprehensionPlan.freshCells(cellIndices, f)
            var iterators: [PyIterator] = [first]
            return .object(ClosureIterator(name: "generator") { interp in
                while let it = iterators.last {
                    if interruptRequest.load(ordering: .relaxed) != 0 { throw interp.interruptError() }
                    let level = iterators.count - 1
                    guard let x = try it.next(interp) else {
                        iterators.removeLast()
                        continue
                    }
                    let (_, st, conds, _) = levels[level]
                    try st(f, x)
                    var keep = true
                    for c in conds where try !interp.truthy(try c(f)) {
                        keep = false
                        break
                    }
                    if !keep { continue }
                    if level + 1 == levels.count { return try element(f) }
                    guard let nextCode = levels[level + 1].0 else { return nil }
                    iterators.append(try interp.iterate(try nextCode(f)))
                }
                return nil
            })
        }
    }

    /// Compiles the loops of a comprehension: loop variables get fresh slots in the current
    /// frame (shadowing outer names), so no function call is made per comprehension.
    func comprehensionPlan<T>(_ gens: [Comprehension], elements: [Expr],
                              _ body: (Compiler) throws -> T) throws -> (ComprehensionPlan, T) {
        // The first iterable is evaluated in the enclosing scope.
        let firstIter = try expr(gens[0].iter)
        // Variables that lambdas inside the comprehension capture live in cells (one fresh
        // set per evaluation, as CPython's comprehension function would create).
        var analysis = ScopeAnalysis()
        for (i, g) in gens.enumerated() {
            if i > 0 { analysis.expr(g.iter) }
            for c in g.conditions { analysis.expr(c) }
        }
        for e in elements { analysis.expr(e) }
        let captured = analysis.childFree
        var layer: [String: VarRef] = [:]
        var cellIndices: [Int] = []
        func bindTargets(_ t: Expr) {
            switch t.kind {
            case .name(let n):
                guard layer[n] == nil else { return }
                if captured.contains(n) {
                    let c = scope.cellCount
                    scope.cellCount += 1
                    cellIndices.append(c)
                    layer[n] = .cell(c)
                } else {
                    layer[n] = .local(scope.newSlot())
                }
            case .tuple(let xs), .list(let xs): xs.forEach(bindTargets)
            case .starred(let x): bindTargets(x)
            default: break
            }
        }
        for g in gens { bindTargets(g.target) }
        scope.shadow.append(layer)
        defer { scope.shadow.removeLast() }
        var levels: [(Code?, Store, [Code], Span)] = []
        for (i, g) in gens.enumerated() {
            let iterCode: Code? = i == 0 ? nil : try expr(g.iter)
            levels.append((iterCode, try store(g.target), try g.conditions.map { try expr($0) }, g.iter.span))
        }
        let inner = try body(self)
        return (ComprehensionPlan(firstIter: firstIter, levels: levels, cellIndices: cellIndices), inner)
    }

    func fstring(_ parts: [FStringPart], _ span: Span) throws -> Code {
        unowned let interp = self.interp
        enum Piece {
            case text(String)
            case field(Code, Character?, Code?, String?)
        }
        var pieces: [Piece] = []
        for p in parts {
            switch p {
            case .literal(let s): pieces.append(.text(s))
            case .field(let x, let conv, let spec, let debug):
                let code = try expr(x)
                let specCode: Code? = spec.isEmpty ? nil : try fstring(spec, span)
                pieces.append(.field(code, conv, specCode, debug))
            }
        }
        return { f in
            var out = ""
            for p in pieces {
                switch p {
                case .text(let s): out += s
                case .field(let code, let conv, let specCode, let debug):
                    let v = try code(f)
                    do {
                        if let debug { out += debug }
                        var spec = ""
                        if let specCode, case .str(let s) = try specCode(f) { spec = s }
                        var conversion = conv
                        if debug != nil, conversion == nil, spec.isEmpty { conversion = "r" }
                        switch conversion {
                        case "r": out += try interp.formatValue(.str(try interp.repr(v)), spec: spec)
                        case "s": out += try interp.formatValue(.str(try interp.str(v)), spec: spec)
                        case "a": out += try interp.formatValue(.str(interp.ascii(try interp.repr(v))), spec: spec)
                        default: out += try interp.formatValue(v, spec: spec)
                        }
                    } catch { throw interp.locate(error, span) }
                }
            }
            return .str(out)
        }
    }

    // MARK: - Calls

    func call(_ fn: Expr, _ args: [Argument], _ span: Span) throws -> Code {
        unowned let interp = self.interp
        // Zero-argument super() inside a method.
        if case .name("super") = fn.kind, args.isEmpty, case .function = scope.kind {
            let firstSlot: Code? = {
                guard let first = scope.slots.first(where: { $0.value == 0 })?.key else { return nil }
                return load(first, span)
            }()
            return { f in
                do {
                    guard let owner = f.function?.code.ownerClass, let firstSlot else {
                        throw interp.runtimeError("super(): no arguments")
                    }
                    return .object(PySuper(start: owner, receiver: try firstSlot(f)))
                } catch { throw interp.locate(error, span) }
            }
        }
        let simple = args.allSatisfy { if case .positional = $0 { return true }; return false }
        if simple {
            let argCodes = try args.map { a -> CodeRef in
                if case .positional(let x) = a { return CodeRef(run: try expr(x)) }
                return CodeRef { _ in .none }
            }
            // Method call: look the method up and call it without a bound-method object.
            if case .attribute(let objExpr, let name) = fn.kind {
                let o = try expr(objExpr)
                switch argCodes.count {
                case 0:
                    return { f in
                        let recv = try o(f)
                        do { return try interp.callMethod(recv, name, [], []) } catch { throw interp.locate(error, span) }
                    }
                case 1:
                    let a0 = argCodes[0].run
                    return { f in
                        let recv = try o(f)
                        let x = try a0(f)
                        do { return try interp.callMethod(recv, name, [x], []) } catch { throw interp.locate(error, span) }
                    }
                default:
                    return { f in
                        let recv = try o(f)
                        var xs: [Value] = []
                        xs.reserveCapacity(argCodes.count)
                        for c in argCodes { xs.append(try c.run(f)) }
                        do { return try interp.callMethod(recv, name, xs, []) } catch { throw interp.locate(error, span) }
                    }
                }
            }
            let fc = try expr(fn)
            return { f in
                let callee = try fc(f)
                var xs: [Value] = []
                xs.reserveCapacity(argCodes.count)
                for c in argCodes { xs.append(try c.run(f)) }
                do { return try interp.call(callee, xs, []) } catch { throw interp.locate(error, span) }
            }
        }
        enum ArgCode {
            case pos(Code)
            case kw(String, Code)
            case star(Code, Span)
            case dstar(Code, Span)
        }
        var seen = Set<String>()
        let codes: [ArgCode] = try args.map { a in
            switch a {
            case .positional(let x): return .pos(try expr(x))
            case .keyword(let k, let x, let ks):
                if !seen.insert(k).inserted { throw syntaxError("keyword argument repeated: \(k)", ks) }
                return .kw(k, try expr(x))
            case .star(let x): return .star(try expr(x), x.span)
            case .doubleStar(let x): return .dstar(try expr(x), x.span)
            }
        }
        var methodReceiver: Code?
        var methodName: String?
        var fc: Code?
        if case .attribute(let objExpr, let name) = fn.kind {
            methodReceiver = try expr(objExpr)
            methodName = name
        } else {
            fc = try expr(fn)
        }
        return { f in
            let recv = try methodReceiver?(f)
            let callee = try fc?(f)
            var pos: [Value] = []
            var kws: [(String, Value)] = []
            for c in codes {
                switch c {
                case .pos(let x): pos.append(try x(f))
                case .kw(let k, let x): kws.append((k, try x(f)))
                case .star(let x, let sp):
                    let v = try x(f)
                    do { pos.append(contentsOf: try interp.iterateAll(v)) } catch {
                        throw interp.locate(interp.typeError("argument after * must be an iterable, not \(interp.typeName(v))"), sp)
                    }
                case .dstar(let x, let sp):
                    let v = try x(f)
                    do {
                        for (k, vv) in try interp.mappingPairs(v) {
                            guard case .str(let ks) = k else { throw interp.typeError("keywords must be strings") }
                            if kws.contains(where: { $0.0 == ks }) {
                                throw interp.typeError("got multiple values for keyword argument '\(ks)'")
                            }
                            kws.append((ks, vv))
                        }
                    } catch { throw interp.locate(error, sp) }
                }
            }
            do {
                if let recv, let methodName { return try interp.callMethod(recv, methodName, pos, kws) }
                return try interp.call(callee ?? .none, pos, kws)
            } catch { throw interp.locate(error, span) }
        }
    }
}

/// `bytes` values (only enough to print and compare them).
public final class PyBytes: PyObject {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    override public var typeName: String { "bytes" }
    override public func repr(_ interp: Interpreter) throws -> String {
        var s = "b'"
        for b in bytes {
            switch b {
            case UInt8(ascii: "'"): s += "\\'"
            case UInt8(ascii: "\\"): s += "\\\\"
            case 0x0A: s += "\\n"
            case 0x0D: s += "\\r"
            case 0x09: s += "\\t"
            case 0x20..<0x7F: s.unicodeScalars.append(Unicode.Scalar(b))
            default: s += "\\x" + String(b, radix: 16).leftPad(2, "0")
            }
        }
        return s + "'"
    }
}

/// `super()` proxies: attribute look-up starts after `start` in the receiver's MRO.
public final class PySuper: PyObject {
    let start: PyClass
    let receiver: Value
    init(start: PyClass, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }
    override public var typeName: String { "super" }
    override public func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        let mro: [PyClass]
        switch receiver {
        case .object(let inst as PyInstance): mro = inst.cls.mro
        case .object(let cls as PyClass): mro = cls.mro
        default: mro = interp.classOf(receiver).mro
        }
        guard let idx = mro.firstIndex(where: { $0 === start }) else { return nil }
        for c in mro[(idx + 1)...] {
            if let v = c.dict[name] {
                return interp.bindIfFunction(v, receiver)
            }
        }
        guard let body = objectSlotMethod(name) else { return nil }
        let receiver = self.receiver
        return .object(PyBuiltinFunction(name, qualified: "object.\(name)") { i, a in
            try body(i, receiver, a.positional)
        })
    }
}

/// `object`'s own slot methods (`object.__repr__(x)`, `super().__eq__(y)`), which the `object`
/// class's namespace does not hold: classes that define none get the interpreter's defaults
/// without a lookup. The body takes the interpreter, the receiver and the other arguments.
func objectSlotMethod(_ name: String) -> ((Interpreter, Value, [Value]) throws -> Value)? {
    func noArguments(_ i: Interpreter, _ args: [Value]) throws {
        if !args.isEmpty { throw i.typeError("object.\(name)() takes no arguments (\(args.count) given)") }
    }
    func other(_ i: Interpreter, _ args: [Value]) throws -> Value {
        guard args.count == 1 else { throw i.typeError("expected 1 argument, got \(args.count)") }
        return args[0]
    }
    func same(_ x: Value, _ y: Value) -> Bool {
        if case .object(let a) = x, case .object(let b) = y { return a === b }
        return false
    }
    switch name {
    case "__repr__":
        return { i, receiver, a in
            try noArguments(i, a)
            if case .object(let inst as PyInstance) = receiver {
                return .str("<\(inst.cls.moduleName).\(inst.cls.qualifiedName) object at 0x\(i.fakeAddress(inst))>")
            }
            return .str(try i.repr(receiver))
        }
    case "__str__":
        // object.__str__ is repr(self): the type's own __repr__ when it has one.
        return { i, receiver, a in
            try noArguments(i, a)
            return .str(try i.repr(receiver))
        }
    case "__eq__":
        return { i, receiver, a in same(receiver, try other(i, a)) ? .bool(true) : .object(notImplementedSingleton) }
    case "__ne__":
        // The inverse of the type's __eq__ (identity when it has none), NotImplemented passed on.
        return { i, receiver, a in
            let y = try other(i, a)
            var eq: Value = same(receiver, y) ? .bool(true) : .object(notImplementedSingleton)
            if case .object(let inst as PyInstance) = receiver, let m = inst.cls.lookup("__eq__") {
                eq = try i.call(m, [receiver, y], [])
            }
            if i.isNotImplemented(eq) { return eq }
            return .bool(!(try i.truthy(eq)))
        }
    case "__hash__":
        return { i, receiver, a in
            try noArguments(i, a)
            guard case .object(let o) = receiver else { return .int(0) }
            return .int((Int(i.fakeAddress(o), radix: 16) ?? 0) >> 4)
        }
    case "__init__":
        return { i, _, a in
            if !a.isEmpty {
                throw i.typeError("object.__init__() takes exactly one argument (the instance to initialize)")
            }
            return .none
        }
    default:
        return nil
    }
}

extension String {
    func leftPad(_ width: Int, _ fill: Character = " ") -> String {
        let n = count
        return n >= width ? self : String(repeating: fill, count: width - n) + self
    }
    func rightPad(_ width: Int, _ fill: Character = " ") -> String {
        let n = count
        return n >= width ? self : self + String(repeating: fill, count: width - n)
    }
}

/// The compiled loops of a comprehension or generator expression.
struct ComprehensionPlan {
    /// The first iterable (evaluated in the enclosing scope).
    let firstIter: Code
    /// Per `for` clause: its iterable (nil for the first), target store, conditions, span.
    let levels: [(Code?, Store, [Code], Span)]
    /// Frame cells for loop variables that lambdas inside capture.
    let cellIndices: [Int]

    /// Gives each captured loop variable a new cell for this evaluation.
    static func freshCells(_ indices: [Int], _ f: Frame) {
        for c in indices {
            while f.cells.count <= c { f.cells.append(PyCell()) }
            f.cells[c] = PyCell()
        }
    }
}

extension Compiler {
    /// An operand read without a closure call: a local slot or an int literal.
    enum DirectOperand {
        case local(Int)
        case int(Int)
    }

    func directOperand(_ e: Expr) -> DirectOperand? {
        switch e.kind {
        case .int(let i): return .int(i)
        case .name(let n):
            if case .local(let s) = resolve(n) { return .local(s) }
            return nil
        default: return nil
        }
    }

    /// `a + b`, `a - b`, `a * b` where each side is a local variable or an int literal (loop
    /// indices: `i + h`, `j - 1`): reads the slots directly and adds the ints inline. Anything else
    /// (a non-int value, an unbound local, overflow) runs the compiled operands and the general
    /// operator, so values, errors and their order are those of the general path.
    func localIntArithmetic(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ l: @escaping Code, _ r: @escaping Code,
                            _ span: Span) -> Code? {
        unowned let interp = self.interp
        guard op == .add || op == .sub || op == .mul,
              let da = directOperand(a), let db = directOperand(b) else { return nil }
        if case .int = da, case .int = db { return nil }
        @inline(__always) func read(_ d: DirectOperand, _ f: Frame) -> Int? {
            switch d {
            case .int(let i): return i
            case .local(let s):
                if case .int(let i)? = f.locals[s] { return i }
                return nil
            }
        }
        let general: Code = { f in
            let x = try l(f)
            let y = try r(f)
            do { return try interp.binary(op, x, y) } catch { throw interp.locate(error, span) }
        }
        switch op {
        case .add:
            return { f in
                if let x = read(da, f), let y = read(db, f) {
                    let (s, o) = x.addingReportingOverflow(y)
                    if !o { return .int(s) }
                }
                return try general(f)
            }
        case .sub:
            return { f in
                if let x = read(da, f), let y = read(db, f) {
                    let (s, o) = x.subtractingReportingOverflow(y)
                    if !o { return .int(s) }
                }
                return try general(f)
            }
        default:
            return { f in
                if let x = read(da, f), let y = read(db, f) {
                    let (s, o) = x.multipliedReportingOverflow(by: y)
                    if !o { return .int(s) }
                }
                return try general(f)
            }
        }
    }
}
