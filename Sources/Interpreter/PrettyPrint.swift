import Language
import Tensors

// How IPython shows a cell's value (`Out[n]:`, a notebook's `execute_result`): its pretty
// printer (IPython.lib.pretty), not plain `repr`. The layout engine is Wadler-style groups
// and breakables with IPython's own buffering rules, reproduced here so the line breaks fall
// exactly where IPython puts them (including its quirks, see `PrettyLayout.dequeueGroup`).

extension Interpreter {
    /// The text IPython shows for `value` as a cell's result (`Out[n]:`, `text/plain` of an
    /// `execute_result`): IPython's pretty printer at width 79.
    ///
    /// * lists, tuples, dicts, sets and frozensets that do not fit on one line break one item
    ///   per line, nested containers indented under their opening bracket; sets are sorted
    ///   when their items compare; more than 1000 items end in `...`;
    /// * instances whose class (and bases) define no `__repr__` show as
    ///   `<__main__.A at 0x...>` (no `object`), as do grad_fn nodes and `torch._C.Generator`;
    /// * classes show as `int`, `__main__.A`; exceptions as `__main__.MyError('m')`; user
    ///   functions as `<function __main__.f(x, y=2)>`;
    /// * everything else (numbers, strings, tensors, modules, objects with their own
    ///   `__repr__`) is its `repr`, its lines re-indented when it sits inside a container.
    ///
    /// Throws what a user `__repr__` throws, and RecursionError for too deep nesting.
    public func displayText(_ value: Value) throws -> String {
        let printer = PrettyPrinter(self)
        try printer.pretty(value)
        return printer.layout.finish()
    }
}

/// IPython's `PrettyPrinter`: text and breakables are buffered until it is known whether the
/// groups around them fit in `maxWidth` columns; the outermost group that has breakables
/// is broken first.
struct PrettyLayout {
    final class Group {
        let depth: Int
        /// Buffered breakables of this group, oldest first.
        var breakables: [Breakable] = []
        var wantBreak = false
        init(depth: Int) { self.depth = depth }
    }

    final class Breakable {
        let separator: String
        let width: Int
        /// The indentation in force where the breakable was added (used if it breaks).
        let indentation: Int
        let group: Group
        init(separator: String, width: Int, indentation: Int, group: Group) {
            self.separator = separator
            self.width = width
            self.indentation = indentation
            self.group = group
        }
    }

    enum Item {
        case text(String, width: Int)
        case breakable(Breakable)
        var width: Int {
            switch self {
            case .text(_, let w): w
            case .breakable(let b): b.width
            }
        }
    }

    let maxWidth: Int
    private(set) var output = ""
    private var outputWidth = 0
    private var bufferWidth = 0
    private var buffer: [Item] = []
    private var groupStack: [Group]
    /// Groups that may still break, by depth.
    private var groupQueue: [[Group]] = []
    var indentation = 0

    init(maxWidth: Int = 79) {
        self.maxWidth = maxWidth
        let root = Group(depth: 0)
        groupStack = [root]
        enqueue(root)
    }

    /// Python's `len(s)`: code points.
    static func width(_ s: String) -> Int { s.unicodeScalars.count }

    mutating func text(_ s: String) {
        let w = Self.width(s)
        if buffer.isEmpty {
            output += s
            outputWidth += w
            return
        }
        if case .text(let t, let tw) = buffer[buffer.count - 1] {
            buffer[buffer.count - 1] = .text(t + s, width: tw + w)
        } else {
            buffer.append(.text(s, width: w))
        }
        bufferWidth += w
        breakOuterGroups()
    }

    mutating func breakable(_ separator: String = " ") {
        let group = groupStack[groupStack.count - 1]
        if group.wantBreak {
            flush()
            newline()
        } else {
            let b = Breakable(separator: separator, width: Self.width(separator), indentation: indentation, group: group)
            group.breakables.append(b)
            buffer.append(.breakable(b))
            bufferWidth += b.width
            breakOuterGroups()
        }
    }

    /// A forced line break (between the lines of a multi-line repr), indented.
    mutating func forcedBreak() {
        if let group = dequeueGroup() { breakOne(group) }
        flush()
        newline()
    }

    mutating func beginGroup(indent: Int = 0, open: String = "") {
        if !open.isEmpty { text(open) }
        let group = Group(depth: groupStack[groupStack.count - 1].depth + 1)
        groupStack.append(group)
        enqueue(group)
        indentation += indent
    }

    mutating func endGroup(dedent: Int = 0, close: String = "") {
        indentation -= dedent
        let group = groupStack.removeLast()
        if group.breakables.isEmpty { remove(group) }
        if !close.isEmpty { text(close) }
    }

    /// Writes what is buffered and returns the whole text.
    mutating func finish() -> String {
        flush()
        return output
    }

    private mutating func newline() {
        output += "\n" + String(repeating: " ", count: max(indentation, 0))
        outputWidth = indentation
        bufferWidth = 0
    }

    /// Writes one buffered item; returns the output column after it.
    private mutating func emit(_ item: Item) -> Int {
        switch item {
        case .text(let s, let w):
            output += s
            return outputWidth + w
        case .breakable(let b):
            b.group.breakables.removeFirst()
            if b.group.wantBreak {
                output += "\n" + String(repeating: " ", count: max(b.indentation, 0))
                return b.indentation
            }
            if b.group.breakables.isEmpty { remove(b.group) }
            output += b.separator
            return outputWidth + b.width
        }
    }

    private mutating func flush() {
        for item in buffer {
            // IPython adds the returned column to the current one here; the column is reset
            // right after every flush but the last, so only the result matters.
            outputWidth += emit(item)
        }
        buffer.removeAll()
        bufferWidth = 0
    }

    private mutating func breakOne(_ group: Group) {
        while !group.breakables.isEmpty {
            let item = buffer.removeFirst()
            outputWidth = emit(item)
            bufferWidth -= item.width
        }
        while let first = buffer.first, case .text = first {
            buffer.removeFirst()
            outputWidth = emit(first)
            bufferWidth -= first.width
        }
    }

    private mutating func breakOuterGroups() {
        while maxWidth < outputWidth + bufferWidth {
            guard let group = dequeueGroup() else { return }
            breakOne(group)
        }
    }

    private mutating func enqueue(_ group: Group) {
        while group.depth > groupQueue.count - 1 { groupQueue.append([]) }
        groupQueue[group.depth].append(group)
    }

    /// The outermost group that has breakables, marked to break. Groups at shallower depths
    /// without breakables are marked too and dropped. As in IPython, the group chosen is the
    /// last one of its depth with breakables, but the entry removed from the queue is the
    /// one at the same position counted from the front; kept so the breaks match IPython's.
    private mutating func dequeueGroup() -> Group? {
        for depth in groupQueue.indices {
            let stack = groupQueue[depth]
            for (position, group) in stack.reversed().enumerated() where !group.breakables.isEmpty {
                groupQueue[depth].remove(at: position)
                group.wantBreak = true
                return group
            }
            for group in stack { group.wantBreak = true }
            groupQueue[depth].removeAll()
        }
        return nil
    }

    private mutating func remove(_ group: Group) {
        guard group.depth < groupQueue.count,
              let i = groupQueue[group.depth].firstIndex(where: { $0 === group }) else { return }
        groupQueue[group.depth].remove(at: i)
    }
}

/// IPython's `RepresentationPrinter`: picks the printer for each value.
final class PrettyPrinter {
    unowned let interp: Interpreter
    var layout = PrettyLayout()
    /// Objects being printed (for `[...]` on cycles).
    private var stack: [ObjectIdentifier] = []
    /// IPython's `max_seq_length`: items past it print as `...`.
    static let maxSequenceLength = 1000

    init(_ interp: Interpreter) { self.interp = interp }

    func pretty(_ v: Value) throws {
        var id: ObjectIdentifier?
        if case .object(let o) = v { id = ObjectIdentifier(o) }
        let cycle = id.map { stack.contains($0) } ?? false
        interp.depth += 1
        defer { interp.depth -= 1 }
        if interp.depth > interp.recursionLimit {
            throw interp.makeError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object")
        }
        if let id { stack.append(id) }
        defer { if id != nil { stack.removeLast() } }
        layout.beginGroup()
        defer { layout.endGroup() }
        try dispatch(v, cycle: cycle)
    }

    private func dispatch(_ v: Value, cycle: Bool) throws {
        guard case .object(let o) = v else { return try reprLines(v) }
        switch o {
        case let l as PyList:
            try sequence(l.items, open: "[", close: "]", oneTuple: false, cycle: cycle)
        case let t as PyTuple:
            // torch.Size and torch.return_types define their own __repr__.
            if t.isTorchSize || t.structName != nil { return try reprLines(v) }
            try sequence(t.items, open: "(", close: ")", oneTuple: t.items.count == 1, cycle: cycle)
        case let d as PyDict:
            if d.isOrdered { return try orderedDict(d, cycle: cycle) }
            try dict(d, cycle: cycle)
        case let s as PySet:
            try set(s, cycle: cycle)
        case let c as PyClass:
            layout.text(Self.className(c))
        case let g as GradFnObject:
            // torch's grad_fn node types have no __repr__ and live in `builtins`.
            defaultForm(className: g.node.name, address: interp.fakeAddress(g.node), cycle: cycle)
        case is TorchGeneratorObject:
            defaultForm(className: "torch._C.Generator", address: interp.fakeAddress(o), cycle: cycle)
        case let inst as PyInstance:
            try instance(inst, cycle: cycle)
        case let f as PyFunction:
            guard let signature = try signature(of: f) else { return try reprLines(v) }
            layout.text("<function __main__." + f.code.qualifiedName + signature + ">")
        default:
            // Builtin objects whose Python type has no __repr__ of its own (map, zip,
            // list_iterator, enumerate, property) print cnb's address-less default form;
            // IPython shows `<map at 0x...>` for them. Generators and static/class methods
            // have reprs of their own in Python.
            let text = try interp.repr(v)
            if text == "<\(o.typeName) object>",
               !["generator", "staticmethod", "classmethod"].contains(o.typeName) {
                return defaultForm(className: o.typeName, address: interp.fakeAddress(o), cycle: cycle)
            }
            try reprLines(v)
        }
    }

    /// IPython's `_repr_pprint`: the repr, its line breaks turned into indented breaks.
    private func reprLines(_ v: Value) throws {
        let lines = Self.splitLines(try interp.repr(v))
        layout.beginGroup()
        for (i, line) in lines.enumerated() {
            if i > 0 { layout.forcedBreak() }
            layout.text(line)
        }
        layout.endGroup()
    }

    /// `count` items separated by `,` and a breakable, inside a group indented by the
    /// opener's width; past `maxSequenceLength` items, `...`.
    private func items(count: Int, open: String, close: String, trailingComma: Bool = false,
                       each: (Int) throws -> Void) throws {
        let step = PrettyLayout.width(open)
        layout.beginGroup(indent: step, open: open)
        for i in 0..<count {
            if i > 0 {
                layout.text(",")
                layout.breakable()
            }
            if i >= Self.maxSequenceLength {
                layout.text("...")
                break
            }
            try each(i)
        }
        if trailingComma { layout.text(",") }
        layout.endGroup(dedent: step, close: close)
    }

    private func sequence(_ values: [Value], open: String, close: String, oneTuple: Bool, cycle: Bool) throws {
        if cycle { return layout.text(open + "..." + close) }
        try items(count: values.count, open: open, close: close, trailingComma: oneTuple) { try pretty(values[$0]) }
    }

    private func dict(_ d: PyDict, cycle: Bool) throws {
        if cycle { return layout.text("{...}") }
        // IPython keeps insertion order (it stopped sorting dict keys in 5.0).
        let pairs = d.pairs
        try items(count: pairs.count, open: "{", close: "}") { i in
            try pretty(pairs[i].0)
            layout.text(": ")
            try pretty(pairs[i].1)
        }
    }

    private func set(_ s: PySet, cycle: Bool) throws {
        let (open, close) = s.frozen ? ("frozenset({", "})") : ("{", "}")
        if cycle { return layout.text(open + "..." + close) }
        if s.count == 0 { return layout.text(s.frozen ? "frozenset()" : "set()") }
        var elements = s.elements
        if elements.count < Self.maxSequenceLength { elements = sortedForDisplay(elements) }
        try items(count: elements.count, open: open, close: close) { try pretty(elements[$0]) }
    }

    /// IPython's `_sorted_for_pprint`: sorted with `<`, else by `str`, else as they are.
    private func sortedForDisplay(_ values: [Value]) -> [Value] {
        var sorted = values
        if (try? interp.sortValues(&sorted, key: nil, reverse: false)) != nil { return sorted }
        guard let keys = try? values.map({ try interp.str($0) }) else { return values }
        return zip(keys, values).enumerated()
            .sorted { a, b in a.element.0 != b.element.0 ? a.element.0.unicodeScalars.lexicographicallyPrecedes(b.element.0.unicodeScalars) : a.offset < b.offset }
            .map(\.element.1)
    }

    /// `OrderedDict([(k, v), ...])` as IPython's `CallExpression` prints it.
    private func orderedDict(_ d: PyDict, cycle: Bool) throws {
        let prefix = "OrderedDict("
        if cycle { return layout.text(prefix + "...)") }
        let pairs = d.pairs
        if pairs.isEmpty { return layout.text("OrderedDict()") }
        let step = PrettyLayout.width(prefix)
        layout.beginGroup(indent: step, open: prefix)
        try pretty(.object(PyList(pairs.map { .object(PyTuple([$0.0, $0.1])) })))
        layout.endGroup(dedent: step, close: ")")
    }

    /// IPython's `_default_pprint` for an object without a `__repr__` of its own.
    private func defaultForm(className: String, address: String, cycle: Bool) {
        layout.beginGroup(indent: 1, open: "<")
        layout.beginGroup()
        layout.text(className)
        layout.endGroup()
        layout.text(" at 0x" + address)
        if cycle { layout.text(" ...") }
        layout.endGroup(dedent: 1, close: ">")
    }

    /// Walks the MRO as IPython does: the first class defining `__repr__` wins (repr
    /// verbatim); reaching BaseException prints the exception as a call; else the default form.
    private func instance(_ inst: PyInstance, cycle: Bool) throws {
        for c in inst.cls.mro {
            if c.dict["__repr__"] != nil { return try reprLines(.object(inst)) }
            if c.isException && !c.bases.contains(where: { $0.isException }) {
                return try exception(inst)
            }
        }
        defaultForm(className: Self.className(inst.cls), address: interp.fakeAddress(inst), cycle: cycle)
    }

    /// IPython's `_exception_pprint`: `ValueError('m')`, `__main__.MyError(1, 2)`.
    private func exception(_ inst: PyInstance) throws {
        let prefix = Self.className(inst.cls) + "("
        let args = (inst.native as? ExceptionState)?.args ?? []
        let step = PrettyLayout.width(prefix)
        layout.beginGroup(indent: step, open: prefix)
        for (i, a) in args.enumerated() {
            if i > 0 {
                layout.text(",")
                layout.breakable()
            }
            try pretty(a)
        }
        layout.endGroup(dedent: step, close: ")")
    }

    /// `str(inspect.signature(f))` for a user function: `(a, b=2, /, *args, c, **kw) -> int`,
    /// defaults by their repr, annotations as `inspect.formatannotation` writes them. Nil
    /// (the caller falls back to repr) when an annotation is not a name, attribute or literal.
    private func signature(of f: PyFunction) throws -> String? {
        let code = f.code
        var annotations: [String: Expr] = [:]
        var returns: Expr?
        if code.name != "<lambda>" {
            // Annotations are not kept by the compiler: read them from the def's source.
            guard let module = try? Parser.parse(code.source),
                  let def = Self.findDef(module.body, header: code.headerSpan) else { return nil }
            for p in def.parameters.list { annotations[p.name] = p.annotation }
            returns = def.returns
        }
        let positionalCount = code.params.count { $0.kind == .normal }
        var parts: [String] = []
        var positionalIndex = 0
        var sawStar = false
        for (i, p) in code.params.enumerated() {
            var part = p.name
            var defaultValue: Value?
            switch p.kind {
            case .normal:
                let d = positionalIndex - (positionalCount - f.defaults.count)
                if d >= 0 && d < f.defaults.count { defaultValue = f.defaults[d] }
                positionalIndex += 1
            case .varPositional:
                part = "*" + p.name
                sawStar = true
            case .keywordOnly:
                if !sawStar {
                    parts.append("*")
                    sawStar = true
                }
                defaultValue = f.kwDefaults[p.name]
            case .varKeyword:
                part = "**" + p.name
            }
            let annotation = annotations[p.name] ?? nil
            if let annotation {
                guard let text = try annotationText(annotation) else { return nil }
                part += ": " + text
            }
            if let defaultValue {
                part += (annotation == nil ? "=" : " = ") + (try interp.repr(defaultValue))
            }
            parts.append(part)
            if i + 1 == code.positionalOnlyCount { parts.append("/") }
        }
        var text = "(" + parts.joined(separator: ", ") + ")"
        if let returns {
            guard let r = try annotationText(returns) else { return nil }
            text += " -> " + r
        }
        return text
    }

    /// `inspect.formatannotation` of what a simple annotation evaluates to now: a class as
    /// `int` / `__main__.A` / `torch.Tensor`, anything else by its repr; nil for other forms.
    private func annotationText(_ e: Expr) throws -> String? {
        func evaluate(_ e: Expr) throws -> Value? {
            switch e.kind {
            case .name(let n): return interp.globals[n]?.value ?? interp.builtins[n]
            case .attribute(let base, let name):
                guard let b = try evaluate(base) else { return nil }
                return try interp.getAttributeOrNil(b, name)
            case .string(let s): return .str(s)
            case .none: return Value.none
            case .int(let i): return .int(i)
            case .float(let d): return .float(d)
            case .bool(let b): return .bool(b)
            case .bigInt, .imaginary, .bytes, .fstring, .ellipsis, .unary, .binary, .boolOp, .compare, .call,
                 .subscript, .slice, .tuple, .list, .set, .dict, .starred, .listComp, .setComp, .dictComp,
                 .generator, .ifExp, .lambda, .namedExpr:
                return nil
            }
        }
        guard let v = try evaluate(e) else { return nil }
        if case .object(let c as PyClass) = v { return Self.className(c) }
        return try interp.repr(v)
    }

    /// The `def` whose header is at `header`, searched through every nested block.
    static func findDef(_ body: [Stmt], header: Span) -> FunctionDef? {
        for stmt in body {
            var blocks: [[Stmt]] = []
            switch stmt.kind {
            case .def(let fd):
                if fd.headerSpan == header { return fd }
                blocks = [fd.body]
            case .class(let cd): blocks = [cd.body]
            case .if(_, let a, let b), .while(_, let a, let b), .for(_, _, let a, let b): blocks = [a, b]
            case .try(let a, let handlers, let b, let c): blocks = [a, b, c] + handlers.map(\.body)
            case .with(_, let a): blocks = [a]
            case .expr, .assign, .augAssign, .annAssign, .break, .continue, .pass, .return, .import,
                 .importFrom, .global, .nonlocal, .del, .assert, .raise:
                continue
            }
            for b in blocks {
                if let fd = findDef(b, header: header) { return fd }
            }
        }
        return nil
    }

    /// IPython's `_type_pprint`: `int`, `__main__.A`, `torch.nn.Linear`.
    static func className(_ c: PyClass) -> String {
        c.moduleName == "builtins" ? c.qualifiedName : c.moduleName + "." + c.qualifiedName
    }

    /// Python's `str.splitlines()`.
    static func splitLines(_ s: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCR = false
        for u in s.unicodeScalars {
            if previousWasCR {
                previousWasCR = false
                if u == "\n" { continue }
            }
            switch u.value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                lines.append(String(current))
                current = String.UnicodeScalarView()
                previousWasCR = u.value == 0x0D
            default:
                current.append(u)
            }
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
