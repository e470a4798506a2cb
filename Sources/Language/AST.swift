/// The syntax tree the parser produces: Python's grammar, the subset cnb runs.
///
/// Every node carries the span of source text it came from, so errors found later
/// (by the resolver or at run time) can point at the exact expression.
/// The tree is unresolved: names are strings. The interpreter's resolver turns it into
/// its own slot-addressed form before running.

/// A half-open range of UTF-8 byte offsets into a `SourceFile`'s text.
public struct Span: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    /// The smallest span covering both.
    public func union(_ other: Span) -> Span {
        Span(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }
    public static let none = Span(start: 0, end: 0)
    public var description: String { "\(start)..<\(end)" }
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: Span
    public init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public indirect enum ExprKind: Sendable {
    case name(String)
    /// An integer literal that fits in 64 bits.
    case int(Int)
    /// An integer literal too large for 64 bits, as written (digits only, base 10).
    case bigInt(String)
    case float(Double)
    case imaginary(Double)
    case string(String)
    case bytes([UInt8])
    /// An f-string: literal text and replacement fields, in order.
    case fstring([FStringPart])
    case bool(Bool)
    case none
    case ellipsis
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    /// `a and b`, `a or b` (short-circuit; a chain `a and b and c` nests to the left).
    case boolOp(BoolOp, Expr, Expr)
    /// `a < b <= c`: the first operand and each (operator, operand) that follows.
    case compare(Expr, [Comparison])
    case call(Expr, [Argument])
    case attribute(Expr, String)
    /// `value[index]`; a multi-part index (`x[i, j]`) is a `.tuple` of parts, a slice part
    /// is `.slice`.
    case `subscript`(Expr, Expr)
    /// `lower:upper:step` inside a subscript; each part optional.
    case slice(Expr?, Expr?, Expr?)
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    case dict([DictEntry])
    /// `*x` in a call, a display, or an assignment target.
    case starred(Expr)
    case listComp(Expr, [Comprehension])
    case setComp(Expr, [Comprehension])
    case dictComp(Expr, Expr, [Comprehension])
    case generator(Expr, [Comprehension])
    /// `body if test else orelse`: (test, body, orelse).
    case ifExp(Expr, Expr, Expr)
    case lambda(Parameters, Expr)
    /// `name := value`.
    case namedExpr(String, Expr)
}

public enum UnaryOp: String, Sendable {
    case neg = "-", pos = "+", not = "not", invert = "~"
}

public enum BinaryOp: String, Sendable, CaseIterable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**"
    case matMul = "@", lshift = "<<", rshift = ">>", bitAnd = "&", bitOr = "|", bitXor = "^"
}

public enum BoolOp: String, Sendable {
    case and, or
}

public enum CompareOp: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

public struct Comparison: Sendable {
    public var op: CompareOp
    public var operand: Expr
    public init(op: CompareOp, operand: Expr) {
        self.op = op
        self.operand = operand
    }
}

public enum Argument: Sendable {
    case positional(Expr)
    case keyword(String, Expr, Span)
    /// `*args`
    case star(Expr)
    /// `**kwargs`
    case doubleStar(Expr)
}

public enum DictEntry: Sendable {
    case pair(Expr, Expr)
    /// `**other`
    case unpack(Expr)
}

public enum FStringPart: Sendable {
    case literal(String)
    /// `{expr!conversion:spec}`; `debugText` is the source text before `=` for `{x=}`.
    /// (The parser stores the text through the `=` and any spaces after it, exactly what Python
    /// prints before the value: `"x="` for `{x=}`, `"x = "` for `{x = }`; and it sets
    /// `conversion` to `r` when `=` has neither a conversion nor a spec, as Python does.)
    case field(expr: Expr, conversion: Character?, spec: [FStringPart], debugText: String?)
}

/// `for target in iter if cond ...` inside a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iter: Expr
    public var conditions: [Expr]
    public init(target: Expr, iter: Expr, conditions: [Expr]) {
        self.target = target
        self.iter = iter
        self.conditions = conditions
    }
}

public struct Parameter: Sendable {
    public enum Kind: Sendable {
        /// Positional-or-keyword (or positional-only, before a `/`).
        case normal
        /// `*args`
        case varPositional
        /// After `*` or `*args`.
        case keywordOnly
        /// `**kwargs`
        case varKeyword
    }
    public var name: String
    public var kind: Kind
    public var defaultValue: Expr?
    public var annotation: Expr?
    public var span: Span
    public init(name: String, kind: Kind, defaultValue: Expr?, annotation: Expr? = nil, span: Span) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.annotation = annotation
        self.span = span
    }
}

public struct Parameters: Sendable {
    public var list: [Parameter]
    /// Number of leading parameters that are positional-only (before `/`).
    public var positionalOnlyCount: Int
    public init(list: [Parameter], positionalOnlyCount: Int = 0) {
        self.list = list
        self.positionalOnlyCount = positionalOnlyCount
    }
}

public struct Stmt: Sendable {
    public var kind: StmtKind
    public var span: Span
    public init(_ kind: StmtKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public struct FunctionDef: Sendable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    public var decorators: [Expr]
    public var returns: Expr?
    /// The span of `def name(...)` up to the colon, for tracebacks.
    public var headerSpan: Span
    public init(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr], returns: Expr?, headerSpan: Span) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.decorators = decorators
        self.returns = returns
        self.headerSpan = headerSpan
    }
}

public struct ClassDef: Sendable {
    public var name: String
    public var bases: [Argument]
    public var body: [Stmt]
    public var decorators: [Expr]
    public init(name: String, bases: [Argument], body: [Stmt], decorators: [Expr]) {
        self.name = name
        self.bases = bases
        self.body = body
        self.decorators = decorators
    }
}

/// `a.b.c as d` in `import`, or `c as d` in `from a.b import`.
public struct ImportName: Sendable {
    public var name: String
    public var asName: String?
    public var span: Span
    public init(name: String, asName: String?, span: Span) {
        self.name = name
        self.asName = asName
        self.span = span
    }
}

public struct ExceptHandler: Sendable {
    /// The exception class expression (`ValueError`, `(A, B)`), or nil for a bare `except:`.
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var span: Span
    public init(type: Expr?, name: String?, body: [Stmt], span: Span) {
        self.type = type
        self.name = name
        self.body = body
        self.span = span
    }
}

public struct WithItem: Sendable {
    public var context: Expr
    public var target: Expr?
    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

public indirect enum StmtKind: Sendable {
    case expr(Expr)
    /// `a = b = value`: every target, left to right, then the value.
    case assign([Expr], Expr)
    case augAssign(Expr, BinaryOp, Expr)
    /// `x: int = 3` (value optional).
    case annAssign(Expr, Expr, Expr?)
    /// (test, body, orelse); `elif` nests as a single `.if` in orelse.
    case `if`(Expr, [Stmt], [Stmt])
    case `while`(Expr, [Stmt], [Stmt])
    /// (target, iter, body, orelse)
    case `for`(Expr, Expr, [Stmt], [Stmt])
    case `break`
    case `continue`
    case pass
    case `return`(Expr?)
    case def(FunctionDef)
    case `class`(ClassDef)
    case `import`([ImportName])
    /// (module path, names, level of leading dots); a `*` import has one name `*`.
    case importFrom(String, [ImportName], Int)
    case global([String])
    case nonlocal([String])
    case del([Expr])
    case assert(Expr, Expr?)
    /// (exception, cause)
    case raise(Expr?, Expr?)
    /// (body, handlers, orelse, finally)
    case `try`([Stmt], [ExceptHandler], [Stmt], [Stmt])
    case with([WithItem], [Stmt])
}

/// A parsed cell or file.
public struct Module: Sendable {
    public var body: [Stmt]
    public var source: SourceFile
    public init(body: [Stmt], source: SourceFile) {
        self.body = body
        self.source = source
    }
}
