import Language

/// Static scope analysis (Python's rules): which names a function binds, which it
/// declares global or nonlocal, and which it reads from enclosing functions.
struct ScopeAnalysis {
    var bound: [String] = []
    var boundSet: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []
    /// Names read (or bound) anywhere in the body, including inside nested functions'
    /// free-variable sets, in first-seen order.
    var referenced: [String] = []
    var referencedSet: Set<String> = []
    /// Names nested functions/classes/lambdas need from this scope or further out.
    var childFree: Set<String> = []
    /// `nonlocal` declarations with where they are (for "no binding for nonlocal" errors).
    var nonlocalSpans: [(String, Span)] = []
    /// The first scope error Python reports at compile time (use before `global`).
    var error: (String, Span)?
    /// A class body: invisible to nested scopes (methods, comprehensions), which reach
    /// past it to the enclosing function even for names the class binds too.
    var isClass = false

    mutating func bind(_ n: String) {
        if boundSet.insert(n).inserted { bound.append(n) }
    }
    mutating func ref(_ n: String) {
        if referencedSet.insert(n).inserted { referenced.append(n) }
    }

    /// Analyses a function body with its parameters.
    static func function(params: Parameters, body: [Stmt]) -> ScopeAnalysis {
        var a = ScopeAnalysis()
        for p in params.list { a.bind(p.name) }
        for p in params.list {
            if let d = p.defaultValue { _ = d }  // defaults evaluate in the enclosing scope
        }
        a.walk(body)
        return a
    }

    static func lambda(params: Parameters, body: Expr) -> ScopeAnalysis {
        var a = ScopeAnalysis()
        for p in params.list { a.bind(p.name) }
        a.expr(body)
        return a
    }

    static func classBody(_ body: [Stmt]) -> ScopeAnalysis {
        var a = ScopeAnalysis()
        a.isClass = true
        a.walk(body)
        return a
    }

    /// Locals: bound names that are not declared global or nonlocal.
    var locals: [String] { bound.filter { !globals.contains($0) && !nonlocals.contains($0) } }

    /// Free names: referenced (directly or by children) but not local here.
    var free: Set<String> {
        let loc = Set(locals)
        var out = Set<String>()
        for n in referenced where !loc.contains(n) && !globals.contains(n) { out.insert(n) }
        for n in childFree where (isClass || !loc.contains(n)) && !globals.contains(n) { out.insert(n) }
        for n in nonlocals { out.insert(n) }
        return out
    }

    mutating func walk(_ body: [Stmt]) {
        for s in body { stmt(s) }
    }

    mutating func target(_ e: Expr) {
        switch e.kind {
        case .name(let n): bind(n); ref(n)
        case .tuple(let xs), .list(let xs): for x in xs { target(x) }
        case .starred(let x): target(x)
        case .attribute(let b, _): expr(b)
        case .subscript(let b, let i): expr(b); expr(i)
        default: expr(e)
        }
    }

    mutating func stmt(_ s: Stmt) {
        switch s.kind {
        case .expr(let e): expr(e)
        case .assign(let ts, let v): expr(v); for t in ts { target(t) }
        case .augAssign(let t, _, let v):
            expr(v)
            if case .name(let n) = t.kind { ref(n) }
            target(t)
        case .annAssign(let t, let ann, let v):
            expr(ann)
            if let v { expr(v); target(t) } else if case .name = t.kind {} else { target(t) }
        case .if(let c, let b, let o): expr(c); walk(b); walk(o)
        case .while(let c, let b, let o): expr(c); walk(b); walk(o)
        case .for(let t, let it, let b, let o): expr(it); target(t); walk(b); walk(o)
        case .break, .continue, .pass: break
        case .return(let v): if let v { expr(v) }
        case .def(let f):
            bind(f.name)
            for d in f.decorators { expr(d) }
            for p in f.parameters.list { if let d = p.defaultValue { expr(d) } }
            let inner = ScopeAnalysis.function(params: f.parameters, body: f.body)
            childFree.formUnion(inner.free)
        case .class(let c):
            bind(c.name)
            for d in c.decorators { expr(d) }
            for b in c.bases {
                switch b {
                case .positional(let e), .keyword(_, let e, _), .star(let e), .doubleStar(let e): expr(e)
                }
            }
            let inner = ScopeAnalysis.classBody(c.body)
            childFree.formUnion(inner.free)
        case .import(let names):
            for n in names {
                let bound = n.asName ?? String(n.name.split(separator: ".").first ?? Substring(n.name))
                bind(bound)
            }
        case .importFrom(_, let names, _):
            for n in names where n.name != "*" { bind(n.asName ?? n.name) }
        case .global(let ns):
            for n in ns where error == nil && referencedSet.contains(n) && !globals.contains(n) {
                error = ("name '\(n)' is \(boundSet.contains(n) ? "assigned to before" : "used prior to") global declaration", s.span)
            }
            globals.formUnion(ns)
        case .nonlocal(let ns):
            for n in ns where error == nil && referencedSet.contains(n) && !nonlocals.contains(n) {
                error = ("name '\(n)' is \(boundSet.contains(n) ? "assigned to before" : "used prior to") nonlocal declaration", s.span)
            }
            nonlocals.formUnion(ns)
            for n in ns { nonlocalSpans.append((n, s.span)) }
        case .del(let ts): for t in ts { target(t) }
        case .assert(let c, let m): expr(c); if let m { expr(m) }
        case .raise(let e, let c): if let e { expr(e) }; if let c { expr(c) }
        case .try(let b, let hs, let o, let f):
            walk(b)
            for h in hs {
                if let t = h.type { expr(t) }
                if let n = h.name { bind(n) }
                walk(h.body)
            }
            walk(o)
            walk(f)
        case .with(let items, let b):
            for i in items {
                expr(i.context)
                if let t = i.target { target(t) }
            }
            walk(b)
        }
    }

    mutating func expr(_ e: Expr) {
        switch e.kind {
        case .name(let n): ref(n)
        case .int, .bigInt, .float, .imaginary, .string, .bytes, .bool, .none, .ellipsis: break
        case .fstring(let parts): fparts(parts)
        case .unary(_, let x): expr(x)
        case .binary(_, let a, let b), .boolOp(_, let a, let b): expr(a); expr(b)
        case .compare(let a, let cs): expr(a); for c in cs { expr(c.operand) }
        case .call(let f, let args):
            expr(f)
            for a in args {
                switch a {
                case .positional(let x), .keyword(_, let x, _), .star(let x), .doubleStar(let x): expr(x)
                }
            }
        case .attribute(let b, _): expr(b)
        case .subscript(let b, let i): expr(b); expr(i)
        case .slice(let a, let b, let c):
            if let a { expr(a) }
            if let b { expr(b) }
            if let c { expr(c) }
        case .tuple(let xs), .list(let xs), .set(let xs): for x in xs { expr(x) }
        case .dict(let entries):
            for en in entries {
                switch en {
                case .pair(let k, let v): expr(k); expr(v)
                case .unpack(let x): expr(x)
                }
            }
        case .starred(let x): expr(x)
        case .listComp(let x, let gens), .setComp(let x, let gens), .generator(let x, let gens):
            comprehension(gens) { $0.expr(x) }
        case .dictComp(let k, let v, let gens):
            comprehension(gens) { $0.expr(k); $0.expr(v) }
        case .ifExp(let c, let a, let b): expr(c); expr(a); expr(b)
        case .lambda(let ps, let body):
            for p in ps.list { if let d = p.defaultValue { expr(d) } }
            let inner = ScopeAnalysis.lambda(params: ps, body: body)
            childFree.formUnion(inner.free)
        case .namedExpr(let n, let v): expr(v); bind(n); ref(n)
        }
    }

    /// Comprehension variables are private to the comprehension: analyse it as a
    /// nested scope whose free names flow out.
    mutating func comprehension(_ gens: [Comprehension], _ body: (inout ScopeAnalysis) -> Void) {
        guard let first = gens.first else { return }
        expr(first.iter)  // the first iterable is evaluated in the enclosing scope
        var inner = ScopeAnalysis()
        for (i, g) in gens.enumerated() {
            if i > 0 { inner.expr(g.iter) }
            inner.target(g.target)
            for c in g.conditions { inner.expr(c) }
        }
        body(&inner)
        let innerLocals = Set(inner.locals)
        for n in inner.referenced where !innerLocals.contains(n) {
            // In a class body only the first iterable sees the class namespace.
            if isClass { childFree.insert(n) } else { ref(n) }
        }
        for n in inner.childFree where !innerLocals.contains(n) { childFree.insert(n) }
        // walrus targets inside a comprehension bind in the enclosing scope
        for n in inner.bound where !innerLocals.contains(n) { bind(n) }
    }

    mutating func fparts(_ parts: [FStringPart]) {
        for p in parts {
            if case .field(let x, _, let spec, _) = p {
                expr(x)
                fparts(spec)
            }
        }
    }
}

/// Where a name lives at run time, decided at compile time.
enum VarRef {
    /// A slot in the frame's locals.
    case local(Int)
    /// A cell in the frame's cell array (captured by an inner function, or free here).
    case cell(Int)
    /// A module-level variable.
    case global(GlobalBox)
    /// A name in a class body being executed (dictionary namespace), falling back to the
    /// given reference for reads.
    case classNamespace(String, GlobalBox)
}

/// Compile-time scope: maps names to slots.
final class CompileScope {
    enum Kind { case module, function, classBody }
    let kind: Kind
    let parent: CompileScope?
    var slots: [String: Int] = [:]
    var slotCount = 0
    var cellIndex: [String: Int] = [:]
    var cellCount = 0
    /// Free variables in the order they are captured from the enclosing scope.
    var freeNames: [String] = []
    var globalsDeclared: Set<String> = []
    /// Names of this function's own locals that inner functions capture.
    var cellVars: Set<String> = []
    /// Class bodies: cells held only for nested scopes; the body itself uses its namespace.
    var passThrough: Set<String> = []
    /// Comprehension variables currently in scope (shadowing): a local slot, or a cell
    /// when a lambda inside the comprehension captures the variable.
    var shadow: [[String: VarRef]] = []
    let qualifiedPrefix: String

    init(kind: Kind, parent: CompileScope?, qualifiedPrefix: String) {
        self.kind = kind
        self.parent = parent
        self.qualifiedPrefix = qualifiedPrefix
    }

    func newSlot() -> Int {
        defer { slotCount += 1 }
        return slotCount
    }

    /// Does this scope (a function) own `name` as a local or cell?
    func owns(_ name: String) -> Bool {
        slots[name] != nil || (cellIndex[name] != nil && !freeNames.contains(name))
    }
}
