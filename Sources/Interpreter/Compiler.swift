import Language
import Synchronization

/// Set from a signal handler or a timer; polled at loop back-edges and calls.
/// 0 = run, 1 = KeyboardInterrupt, 2 = time limit.
public let interruptRequest = Atomic<Int>(0)

/// Turns a parsed module into closures, resolving every name to a slot, a cell or a
/// global box first (the evaluator never hashes a name on a hot path).
final class Compiler {
    unowned let interp: Interpreter
    let source: SourceFile
    var scope: CompileScope
    /// Globals of a library module written in Python (nil: the session's namespace).
    let moduleTable: GlobalTable?

    init(interp: Interpreter, source: SourceFile, moduleTable: GlobalTable? = nil) {
        self.interp = interp
        self.source = source
        self.moduleTable = moduleTable
        self.scope = CompileScope(kind: .module, parent: nil, qualifiedPrefix: "")
    }

    // MARK: - Entry

    /// Compiles a cell. When `display` is set and the last statement is an expression,
    /// its value is kept in the frame's `displayValue`.
    func compileModule(_ module: Module, display: Bool) throws -> (Block, Int) {
        var blocks: [BlockRef] = []
        for (i, s) in module.body.enumerated() {
            if display, i == module.body.count - 1, case .expr(let e) = s.kind {
                let code = try expr(e)
                let span = s.span
                blocks.append(BlockRef { [unowned interp] f in
                    do {
                        f.displayValue = try code(f)
                    } catch {
                        throw interp.locate(error, span)
                    }
                    return .normal
                })
            } else {
                blocks.append(BlockRef(run: try stmt(s)))
            }
        }
        return (sequence(blocks), scope.slotCount)
    }

    // MARK: - Errors at compile time

    func syntaxError(_ message: String, _ span: Span) -> PyException {
        let e = interp.makeError("SyntaxError", message)
        e.traceback.append(TracebackEntry(source: source, span: span, function: "<module>"))
        return e
    }

    // MARK: - Names

    func box(_ name: String) -> GlobalBox { moduleTable?.box(name) ?? interp.globalBox(name) }

    func resolve(_ name: String) -> VarRef {
        for layer in scope.shadow.reversed() {
            if let ref = layer[name] { return ref }
        }
        switch scope.kind {
        case .module:
            return .global(box(name))
        case .classBody:
            if scope.globalsDeclared.contains(name) { return .global(box(name)) }
            // Inside a comprehension (past its first iterable) the class namespace is not
            // visible, as in Python, where the comprehension is a function of its own.
            let inComprehension = !scope.shadow.isEmpty
            if let c = scope.cellIndex[name], inComprehension || !scope.passThrough.contains(name) { return .cell(c) }
            if inComprehension { return .global(box(name)) }
            return .classNamespace(name, box(name))
        case .function:
            if scope.globalsDeclared.contains(name) { return .global(box(name)) }
            if let c = scope.cellIndex[name] { return .cell(c) }
            if let l = scope.slots[name] { return .local(l) }
            return .global(box(name))
        }
    }

    func load(_ name: String, _ span: Span) -> Code {
        unowned let interp = self.interp
        switch resolve(name) {
        case .local(let slot):
            return { f in
                if let v = f.locals[slot] { return v }
                throw interp.locate(interp.makeError("UnboundLocalError",
                    "cannot access local variable '\(name)' where it is not associated with a value"), span)
            }
        case .cell(let c):
            return { f in
                if let v = f.cells[c].value { return v }
                throw interp.locate(interp.makeError("NameError",
                    "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope"), span)
            }
        case .global(let b):
            return { _ in
                if let v = b.value { return v }
                if let v = interp.builtins[name] { return v }
                throw interp.locate(interp.nameError(name), span)
            }
        case .classNamespace(let n, let b):
            return { f in
                if let v = f.namespace?[n] { return v }
                if let v = b.value { return v }
                if let v = interp.builtins[n] { return v }
                throw interp.locate(interp.nameError(n), span)
            }
        }
    }

    func storeName(_ name: String) -> Store {
        switch resolve(name) {
        case .local(let slot): return { f, v in f.locals[slot] = v }
        case .cell(let c): return { f, v in f.cells[c].value = v }
        case .global(let b): return { _, v in b.value = v }
        case .classNamespace(let n, _): return { f, v in f.namespace?[n] = v }
        }
    }

    /// Unbinds a name without complaint (the `as` target of an `except` clause).
    func unbindName(_ name: String) -> (Frame) -> Void {
        switch resolve(name) {
        case .local(let slot): return { f in f.locals[slot] = nil }
        case .cell(let c): return { f in f.cells[c].value = nil }
        case .global(let b): return { _ in b.value = nil }
        case .classNamespace(let n, _): return { f in f.namespace?[n] = nil }
        }
    }

    func deleteName(_ name: String, _ span: Span) -> Block {
        unowned let interp = self.interp
        switch resolve(name) {
        case .local(let slot):
            return { f in
                if f.locals[slot] == nil { throw interp.locate(interp.nameError(name), span) }
                f.locals[slot] = nil
                return .normal
            }
        case .cell(let c):
            return { f in
                f.cells[c].value = nil
                return .normal
            }
        case .global(let b):
            return { _ in
                if b.value == nil { throw interp.locate(interp.nameError(name), span) }
                b.value = nil
                return .normal
            }
        case .classNamespace(let n, _):
            return { f in
                f.namespace?[n] = nil
                return .normal
            }
        }
    }

    // MARK: - Statements

    func sequence(_ blocks: [BlockRef]) -> Block {
        switch blocks.count {
        case 0: return { _ in .normal }
        case 1: return blocks[0].run
        case 2:
            let a = blocks[0].run, b = blocks[1].run
            return { f in
                let r = try a(f)
                if case .normal = r { return try b(f) }
                return r
            }
        case 3:
            let a = blocks[0].run, b = blocks[1].run, c = blocks[2].run
            return { f in
                var r = try a(f)
                guard case .normal = r else { return r }
                r = try b(f)
                guard case .normal = r else { return r }
                return try c(f)
            }
        default:
            return { f in
                for b in blocks {
                    let r = try b.run(f)
                    if case .normal = r { continue }
                    return r
                }
                return .normal
            }
        }
    }

    func block(_ stmts: [Stmt]) throws -> Block {
        sequence(try stmts.map { BlockRef(run: try stmt($0)) })
    }

    func stmt(_ s: Stmt) throws -> Block {
        unowned let interp = self.interp
        let span = s.span
        switch s.kind {
        case .expr(let e):
            let code = try expr(e)
            return { f in
                do { _ = try code(f) } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .assign(let targets, let value):
            if targets.count == 1, let fused = try fusedMulSumStore(targets[0], value, span) { return fused }
            let v = try expr(value)
            let stores = try targets.map { StoreRef(run: try store($0)) }
            if stores.count == 1 {
                let st = stores[0].run
                return { f in
                    do { try st(f, try v(f)) } catch { throw interp.locate(error, span) }
                    return .normal
                }
            }
            return { f in
                do {
                    let x = try v(f)
                    for st in stores { try st.run(f, x) }
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .augAssign(let target, let op, let value):
            return try augAssign(target, op, value, span)
        case .annAssign(let target, _, let value):
            guard let value else { return { _ in .normal } }
            let v = try expr(value)
            let st = try store(target)
            return { f in
                do { try st(f, try v(f)) } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .if(let test, let body, let orelse):
            let t = try expr(test)
            let b = try block(body)
            let o = try block(orelse)
            let tspan = test.span
            return { f in
                let cond: Bool
                do { cond = try interp.truthy(try t(f)) } catch { throw interp.locate(error, tspan) }
                return cond ? try b(f) : try o(f)
            }
        case .while(let test, let body, let orelse):
            let t = try expr(test)
            let b = try block(body)
            let o = try block(orelse)
            let tspan = test.span
            return { f in
                while true {
                    if interruptRequest.load(ordering: .relaxed) != 0 { throw interp.locate(interp.interruptError(), span) }
                    let cond: Bool
                    do { cond = try interp.truthy(try t(f)) } catch { throw interp.locate(error, tspan) }
                    if !cond { break }
                    switch try b(f) {
                    case .normal, .continueLoop: continue
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    }
                }
                return try o(f)
            }
        case .for(let target, let iter, let body, let orelse):
            return try forLoop(target, iter, body, orelse, span)
        case .break:
            return { _ in .breakLoop }
        case .continue:
            return { _ in .continueLoop }
        case .pass:
            return { _ in .normal }
        case .return(let value):
            guard scope.kind == .function else { throw syntaxError("'return' outside function", span) }
            if let value {
                let v = try expr(value)
                return { f in
                    do { f.returnValue = try v(f) } catch { throw interp.locate(error, span) }
                    return .returned
                }
            }
            return { f in
                f.returnValue = .none
                return .returned
            }
        case .def(let fd):
            let make = try functionDef(fd)
            let st = storeName(fd.name)
            let decorators = try fd.decorators.map { try expr($0) }
            return { f in
                do {
                    var fn = try make(f)
                    for d in decorators.reversed() { fn = try interp.call(try d(f), [fn], []) }
                    try st(f, fn)
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .class(let cd):
            return try classDef(cd, span)
        case .import(let names):
            var parts: [(String, Store, Bool)] = []
            for n in names {
                if let a = n.asName {
                    parts.append((n.name, storeName(a), true))
                } else {
                    let top = String(n.name.split(separator: ".").first ?? Substring(n.name))
                    parts.append((n.name, storeName(top), false))
                }
            }
            return { f in
                do {
                    for (name, st, full) in parts {
                        let m = try interp.importModule(name)
                        if full {
                            try st(f, m)
                        } else {
                            let top = String(name.split(separator: ".").first ?? Substring(name))
                            try st(f, try interp.importModule(top))
                        }
                    }
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .importFrom(let module, let names, let level):
            if level > 0 { throw syntaxError("attempted relative import with no known parent package", span) }
            if names.count == 1, names[0].name == "*" {
                return { f in
                    do {
                        let m = try interp.importModule(module)
                        for (k, v) in try interp.publicAttributes(of: m) { self.box(k).value = v }
                    } catch { throw interp.locate(error, span) }
                    return .normal
                }
            }
            let parts = names.map { ($0.name, storeName($0.asName ?? $0.name)) }
            return { f in
                do {
                    let m = try interp.importModule(module)
                    for (name, st) in parts {
                        try st(f, try interp.importFrom(m, moduleName: module, name: name))
                    }
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .global:
            return { _ in .normal }
        case .nonlocal:
            if scope.kind == .module { throw syntaxError("nonlocal declaration not allowed at module level", span) }
            return { _ in .normal }
        case .del(let targets):
            let dels = try targets.map { try deleteTarget($0) }
            return { f in
                do { for d in dels { _ = try d(f) } } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .assert(let test, let msg):
            let t = try expr(test)
            let m = try msg.map { try expr($0) }
            return { f in
                do {
                    if try !interp.truthy(try t(f)) {
                        let e = interp.makeError("AssertionError", "")
                        if let m {
                            let mv = try m(f)
                            let text = try interp.str(mv)
                            e.value.native = ExceptionState(args: [mv], message: text)
                        }
                        throw e
                    }
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .raise(let exc, let cause):
            let e = try exc.map { try expr($0) }
            let c = try cause.map { try expr($0) }
            return { f in
                guard let e else {
                    if let current = interp.handling.last { throw current }
                    throw interp.locate(interp.runtimeError("No active exception to reraise"), span)
                }
                let ex: PyException
                do {
                    ex = try interp.exceptionFrom(try e(f))
                    if let c {
                        let cv = try c(f)
                        if !cv.isNone {
                            let cause = try interp.exceptionFrom(cv)
                            // The cause keeps the traceback it had when it was caught.
                            if let st = cause.value.native as? ExceptionState { cause.traceback = st.traceback }
                            ex.cause = cause
                        }
                        if let st = ex.value.native as? ExceptionState {
                            st.cause = ex.cause.map { .object($0.value) } ?? .none
                            st.suppressContext = true
                        }
                    }
                } catch { throw interp.locate(error, span) }
                ex.traceback = []
                ex.pendingSpan = span
                throw ex
            }
        case .try(let body, let handlers, let orelse, let final):
            return try tryStmt(body, handlers, orelse, final)
        case .with(let items, let body):
            return try withStmt(items, body, span)
        }
    }

    func augAssign(_ target: Expr, _ op: BinaryOp, _ value: Expr, _ span: Span) throws -> Block {
        unowned let interp = self.interp
        let v = try expr(value)
        switch target.kind {
        case .name(let n):
            let ld = load(n, target.span)
            let st = storeName(n)
            return { f in
                do { try st(f, try interp.inplace(op, try ld(f), try v(f))) } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .attribute(let obj, let name):
            let o = try expr(obj)
            return { f in
                do {
                    let ov = try o(f)
                    let cur = try interp.getAttribute(ov, name)
                    try interp.setAttribute(ov, name, try interp.inplace(op, cur, try v(f)))
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        case .subscript(let obj, let index):
            let o = try expr(obj)
            let i = try expr(index)
            return { f in
                do {
                    let ov = try o(f)
                    let iv = try i(f)
                    let cur = try interp.getItem(ov, iv)
                    try interp.setItem(ov, iv, try interp.inplace(op, cur, try v(f)))
                } catch { throw interp.locate(error, span) }
                return .normal
            }
        default:
            throw syntaxError("'\(describe(target))' is an illegal expression for augmented assignment", target.span)
        }
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .call: "function call"
        case .tuple: "tuple"
        case .list: "list"
        case .int, .float, .string, .bool, .none: "literal"
        default: "expression"
        }
    }

    func forLoop(_ target: Expr, _ iter: Expr, _ body: [Stmt], _ orelse: [Stmt], _ span: Span) throws -> Block {
        unowned let interp = self.interp
        let it = try expr(iter)
        let b = try block(body)
        let o = try block(orelse)
        let ispan = iter.span
        // A plain name target stores straight into its slot.
        var slot: Int?
        if case .name(let n) = target.kind, case .local(let s) = resolve(n) { slot = s }
        let st = try store(target)
        // The book's innermost corr2d loop runs as one kernel while its preconditions hold.
        let kernel = loopFusedStore(target, body, orelse)
        return { f in
            let iterable: Value
            do { iterable = try it(f) } catch { throw interp.locate(error, ispan) }
            if case .object(let r as PyRange) = iterable {
                var i = r.start
                let stop = r.stop, step = r.step
                let prepared = (step > 0 ? i < stop : i > stop) ? kernel?.prepare(f) : nil
                var fast = prepared != nil
                while step > 0 ? i < stop : i > stop {
                    if interruptRequest.load(ordering: .relaxed) != 0 { throw interp.locate(interp.interruptError(), span) }
                    if let slot { f.locals[slot] = .int(i) } else { try st(f, .int(i)) }
                    if fast {
                        if prepared.unsafelyUnwrapped.run(i) {
                            let (next, overflow) = i.addingReportingOverflow(step)
                            if overflow { break }
                            i = next
                            continue
                        }
                        fast = false
                    }
                    switch try b(f) {
                    case .normal, .continueLoop: break
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    }
                    let (next, overflow) = i.addingReportingOverflow(step)
                    if overflow { break }  // past Int's range means past the end
                    i = next
                }
                return try o(f)
            }
            let iterator: PyIterator
            do { iterator = try interp.iterate(iterable) } catch { throw interp.locate(error, ispan) }
            while true {
                if interruptRequest.load(ordering: .relaxed) != 0 { throw interp.locate(interp.interruptError(), span) }
                let next: Value?
                do { next = try iterator.next(interp) } catch { throw interp.locate(error, ispan) }
                guard let x = next else { break }
                do { try st(f, x) } catch { throw interp.locate(error, target.span) }
                switch try b(f) {
                case .normal, .continueLoop: break
                case .breakLoop: return .normal
                case .returned: return .returned
                }
            }
            return try o(f)
        }
    }

    func tryStmt(_ body: [Stmt], _ handlers: [ExceptHandler], _ orelse: [Stmt], _ final: [Stmt]) throws -> Block {
        unowned let interp = self.interp
        let b = try block(body)
        let o = try block(orelse)
        let fin = try block(final)
        let hs: [(Code?, Store?, Block, Span, ((Frame) -> Void)?)] = try handlers.map { h in
            (try h.type.map { try expr($0) }, h.name.map { storeName($0) }, try block(h.body), h.span,
             h.name.map { unbindName($0) })
        }
        let hasFinally = !final.isEmpty
        let src = source
        let inner: Block = { f in
            let flow: Flow
            do {
                flow = try b(f)
            } catch {
                let pe = interp.asPyException(error)
                interp.finishTraceback(pe, f, src)
                for (typeCode, st, hb, hspan, unbind) in hs {
                    var matches = true
                    if let typeCode {
                        do { matches = try interp.exceptionMatches(pe, try typeCode(f)) } catch { throw interp.locate(error, hspan) }
                    }
                    if matches {
                        if let st { try st(f, .object(pe.value)) }
                        interp.handling.append(pe)
                        // Python deletes the `as` name when the handler ends.
                        defer {
                            interp.handling.removeLast()
                            unbind?(f)
                        }
                        do { return try hb(f) } catch {
                            let raised = interp.asPyException(error)
                            interp.chain(raised, context: pe, f, src)
                            throw raised
                        }
                    }
                }
                throw pe
            }
            if case .normal = flow { return try o(f) }
            return flow
        }
        if !hasFinally { return inner }
        return { f in
            let flow: Flow
            do {
                flow = try inner(f)
            } catch {
                let ff: Flow
                do { ff = try fin(f) } catch let later {
                    let raised = interp.asPyException(later)
                    interp.chain(raised, context: interp.asPyException(error), f, src)
                    throw raised
                }
                if case .normal = ff { throw error }
                return ff
            }
            let ff = try fin(f)
            if case .normal = ff { return flow }
            return ff
        }
    }

    func withStmt(_ items: [WithItem], _ body: [Stmt], _ span: Span) throws -> Block {
        unowned let interp = self.interp
        guard let first = items.first else { return try block(body) }
        let ctx = try expr(first.context)
        let st = try first.target.map { try store($0) }
        let rest = items.count > 1 ? try withStmt(Array(items.dropFirst()), body, span) : try block(body)
        return { f in
            let manager: Value
            let entered: Value
            do {
                manager = try ctx(f)
                if try interp.getAttributeOrNil(manager, "__enter__") == nil {
                    throw interp.typeError("'\(interp.typeName(manager))' object does not support the context manager protocol")
                }
                if try interp.getAttributeOrNil(manager, "__exit__") == nil {
                    throw interp.typeError("'\(interp.typeName(manager))' object does not support the context manager protocol (missed __exit__ method)")
                }
                entered = try interp.callMethod(manager, "__enter__", [], [])
                if let st { try st(f, entered) }
            } catch { throw interp.locate(error, span) }
            let flow: Flow
            do {
                flow = try rest(f)
            } catch {
                let pe = interp.asPyException(error)
                let suppress: Value
                do {
                    suppress = try interp.callMethod(manager, "__exit__",
                        [.object(pe.value.cls), .object(pe.value), .none], [])
                } catch { throw interp.locate(error, span) }
                if try interp.truthy(suppress) { return .normal }
                throw pe
            }
            do { _ = try interp.callMethod(manager, "__exit__", [.none, .none, .none], []) } catch {
                throw interp.locate(error, span)
            }
            return flow
        }
    }

    // MARK: - Assignment targets

    func store(_ target: Expr) throws -> Store {
        unowned let interp = self.interp
        switch target.kind {
        case .name(let n):
            return storeName(n)
        case .attribute(let obj, let name):
            let o = try expr(obj)
            return { f, v in try interp.setAttribute(try o(f), name, v) }
        case .subscript(let obj, let index):
            if let inline = try subscriptStore(obj, index) { return inline }
            let o = try expr(obj)
            let i = try expr(index)
            return { f, v in try interp.setItem(try o(f), try i(f), v) }
        case .tuple(let items), .list(let items):
            let starIndex = items.firstIndex { if case .starred = $0.kind { return true }; return false }
            let stores = try items.map { item -> StoreRef in
                if case .starred(let inner) = item.kind { return StoreRef(run: try store(inner)) }
                return StoreRef(run: try store(item))
            }
            let n = items.count
            return { f, v in
                let values = try interp.unpackSequence(v)
                if let si = starIndex {
                    let after = n - si - 1
                    guard values.count >= n - 1 else {
                        throw interp.valueError("not enough values to unpack (expected at least \(n - 1), got \(values.count))")
                    }
                    for k in 0..<si { try stores[k].run(f, values[k]) }
                    try stores[si].run(f, .object(PyList(Array(values[si..<(values.count - after)]))))
                    for k in 0..<after { try stores[si + 1 + k].run(f, values[values.count - after + k]) }
                    return
                }
                guard values.count == n else {
                    if values.count > n { throw interp.valueError("too many values to unpack (expected \(n))") }
                    throw interp.valueError("not enough values to unpack (expected \(n), got \(values.count))")
                }
                for k in 0..<n { try stores[k].run(f, values[k]) }
            }
        case .starred:
            throw syntaxError("starred assignment target must be in a list or tuple", target.span)
        case .call:
            throw syntaxError("cannot assign to function call here. Maybe you meant '==' instead of '='?", target.span)
        default:
            throw syntaxError("cannot assign to \(describe(target))", target.span)
        }
    }

    func deleteTarget(_ target: Expr) throws -> Block {
        unowned let interp = self.interp
        switch target.kind {
        case .name(let n): return deleteName(n, target.span)
        case .attribute(let obj, let name):
            let o = try expr(obj)
            return { f in
                try interp.deleteAttribute(try o(f), name)
                return .normal
            }
        case .subscript(let obj, let index):
            let o = try expr(obj)
            let i = try expr(index)
            return { f in
                try interp.deleteItem(try o(f), try i(f))
                return .normal
            }
        case .tuple(let xs), .list(let xs):
            return sequence(try xs.map { BlockRef(run: try deleteTarget($0)) })
        default:
            throw syntaxError("cannot delete \(describe(target))", target.span)
        }
    }

    // MARK: - Functions and classes

    /// Compiles a function body in a new scope; returns code that makes the function
    /// object in the defining frame (evaluating defaults, capturing cells).
    func makeFunction(name: String, params: Parameters, analysis: ScopeAnalysis, headerSpan: Span,
                      docstring: String?, compileBody: (Compiler) throws -> Block) throws -> (Frame) throws -> Value {
        unowned let interp = self.interp
        let outer = scope
        let prefix: String
        switch outer.kind {
        case .module: prefix = ""
        case .classBody: prefix = outer.qualifiedPrefix
        case .function: prefix = outer.qualifiedPrefix + "<locals>."
        }
        if let (message, at) = analysis.error { throw syntaxError(message, at) }
        for (n, at) in analysis.nonlocalSpans where enclosingCell(n, from: outer) == nil {
            throw syntaxError("no binding for nonlocal '\(n)' found", at)
        }
        let fs = CompileScope(kind: .function, parent: outer, qualifiedPrefix: prefix + name + ".")
        fs.globalsDeclared = analysis.globals
        let locals = analysis.locals
        let captured = analysis.childFree
        // Own locals: slots; those captured by inner functions also get a cell.
        for n in locals {
            if captured.contains(n) {
                fs.cellIndex[n] = fs.cellCount
                fs.cellCount += 1
                fs.cellVars.insert(n)
            }
        }
        let ownCells = fs.cellCount
        // Free names that an enclosing function scope can provide.
        var freeSources: [VarRef] = []
        for n in analysis.free.sorted() where fs.cellIndex[n] == nil {
            if let ref = enclosingCell(n, from: outer) {
                fs.cellIndex[n] = fs.cellCount
                fs.cellCount += 1
                fs.freeNames.append(n)
                freeSources.append(ref)
            }
        }
        var paramSpecs: [FunctionCode.Param] = []
        var cellParams: [(Int, Int)] = []
        for p in params.list {
            let slot = fs.newSlot()
            fs.slots[p.name] = slot
            paramSpecs.append(.init(name: p.name, kind: p.kind, slot: slot, hasDefault: p.defaultValue != nil))
            if let c = fs.cellIndex[p.name], !fs.freeNames.contains(p.name) { cellParams.append((slot, c)) }
        }
        for n in locals where fs.slots[n] == nil && !fs.cellVars.contains(n) {
            fs.slots[n] = fs.newSlot()
        }
        // Compile defaults in the enclosing scope.
        var defaultCodes: [Code] = []
        var kwDefaultCodes: [(String, Code)] = []
        for p in params.list {
            guard let d = p.defaultValue else { continue }
            if p.kind == .keywordOnly {
                kwDefaultCodes.append((p.name, try expr(d)))
            } else {
                defaultCodes.append(try expr(d))
            }
        }
        scope = fs
        defer { scope = outer }
        let bodyBlock = try compileBody(self)
        let code = FunctionCode(name: name, qualifiedName: prefix + name, docstring: docstring, params: paramSpecs,
                                positionalOnlyCount: params.positionalOnlyCount, localCount: fs.slotCount,
                                ownCellCount: ownCells, cellParams: cellParams, source: source, headerSpan: headerSpan)
        code.body = bodyBlock
        return { f in
            var closure: [PyCell] = []
            closure.reserveCapacity(freeSources.count)
            for src in freeSources {
                if case .cell(let c) = src { closure.append(f.cells[c]) }
            }
            let defaults = try defaultCodes.map { try $0(f) }
            var kw: [String: Value] = [:]
            for (n, c) in kwDefaultCodes { kw[n] = try c(f) }
            _ = interp
            return .object(PyFunction(code: code, defaults: defaults, kwDefaults: kw, closure: closure))
        }
    }

    /// How the scope `from` (the definer) reaches `name` as a cell, if some enclosing
    /// function owns it. Class scopes are transparent for this purpose.
    func enclosingCell(_ name: String, from s: CompileScope) -> VarRef? {
        // A comprehension variable captured by a lambda in the comprehension.
        for layer in s.shadow.reversed() {
            if let ref = layer[name] {
                if case .cell = ref { return ref }
                return nil
            }
        }
        switch s.kind {
        case .module: return nil
        case .function, .classBody:
            if let c = s.cellIndex[name] { return .cell(c) }
            return nil
        }
    }

    func functionDef(_ fd: FunctionDef) throws -> (Frame) throws -> Value {
        let analysis = ScopeAnalysis.function(params: fd.parameters, body: fd.body)
        var body = fd.body
        var doc: String?
        if let first = body.first, case .expr(let e) = first.kind, case .string(let s) = e.kind {
            doc = s
            body = Array(body.dropFirst())
            if body.isEmpty { body = [] }
        }
        let finalBody = body
        return try makeFunction(name: fd.name, params: fd.parameters, analysis: analysis, headerSpan: fd.headerSpan,
                                docstring: doc) { c in try c.block(finalBody) }
    }

    func classDef(_ cd: ClassDef, _ span: Span) throws -> Block {
        unowned let interp = self.interp
        let analysis = ScopeAnalysis.classBody(cd.body)
        let outer = scope
        let cs = CompileScope(kind: .classBody, parent: outer, qualifiedPrefix: outer.qualifiedPrefix + cd.name + ".")
        cs.globalsDeclared = analysis.globals
        var freeSources: [VarRef] = []
        let classLocals = Set(analysis.locals)
        for n in analysis.free.sorted() {
            if let ref = enclosingCell(n, from: outer) {
                cs.cellIndex[n] = cs.cellCount
                cs.cellCount += 1
                cs.freeNames.append(n)
                freeSources.append(ref)
                if classLocals.contains(n) { cs.passThrough.insert(n) }
            }
        }
        var bases: [Code] = []
        var keywords: [(String, Code)] = []
        for b in cd.bases {
            switch b {
            case .positional(let e): bases.append(try expr(e))
            case .keyword(let k, let e, _): keywords.append((k, try expr(e)))
            case .star, .doubleStar: throw syntaxError("star arguments in class bases are not supported", span)
            }
        }
        var body = cd.body
        var doc: String?
        if let first = body.first, case .expr(let e) = first.kind, case .string(let s) = e.kind {
            doc = s
            body = Array(body.dropFirst())
        }
        scope = cs
        let bodyBlock: Block
        do {
            defer { scope = outer }
            bodyBlock = try block(body)
        }
        let slotCount = cs.slotCount
        let decorators = try cd.decorators.map { try expr($0) }
        let st = storeName(cd.name)
        let name = cd.name
        let qual = outer.qualifiedPrefix + cd.name
        return { f in
            do {
                let baseValues = try bases.map { try $0(f) }
                var closure: [PyCell] = []
                for src in freeSources {
                    if case .cell(let c) = src { closure.append(f.cells[c]) }
                }
                let frame = Frame(localCount: slotCount, cells: closure, function: nil)
                frame.namespace = AttributeTable()
                _ = try bodyBlock(frame)
                var cls: Value = try interp.makeClass(name: name, qualifiedName: qual, bases: baseValues,
                                                      namespace: frame.namespace ?? AttributeTable(), doc: doc)
                _ = keywords
                for d in decorators.reversed() { cls = try interp.call(try d(f), [cls], []) }
                try st(f, cls)
            } catch { throw interp.locate(error, span) }
            return .normal
        }
    }
}
