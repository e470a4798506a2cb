import Language
import Tensors

// Superinstructions for the book's hot tensor loop bodies: subscripts whose parts are ints and
// slices are evaluated without slice/tuple objects, `(a[...] * b[...]).sum()` runs as one fused
// kernel, and `Y[i, j] = x` writes the element directly. Each checks its preconditions at run time
// and otherwise hands the already evaluated values to the general path, so evaluation order,
// results (bit for bit), errors and autograd are those of the general path.

/// A subscript's index compiled part by part (1...4 parts, no starred ones).
struct CompiledIndex {
    enum Part {
        case plain(Code)
        case slice(Bound, Bound, Bound)
    }

    /// A slice bound as written: absent, or its compiled expression. (Not `Code?`: an optional
    /// closure is stored at its most general convention and every call pays for thunks.)
    enum Bound {
        case absent
        case code(Code)

        @inline(__always)
        func evaluate(_ f: Frame) throws -> Value {
            switch self {
            case .absent: return .none
            case .code(let c): return try c(f)
            }
        }
    }

    let parts: [Part]
    /// Written as a tuple (`x[a, b]`): the general path receives a tuple of the parts.
    let isTuple: Bool
    /// The parts' evaluation as a chain of closures (one per part, each calling the next), so no
    /// part enum is copied out of `parts` per evaluation. Appends ints/slices to the index and
    /// returns nil, or returns the general path's index value once a part is anything else.
    private let run: (Frame, inout SmallIndex) throws -> Value?

    init(parts: [Part], isTuple: Bool) {
        self.parts = parts
        self.isTuple = isTuple
        var next: (Frame, inout SmallIndex) throws -> Value? = { _, _ in nil }
        for k in stride(from: parts.count - 1, through: 0, by: -1) {
            let rest = next
            switch parts[k] {
            case .plain(let c):
                next = { f, si in
                    let v = try c(f)
                    if case .int(let i) = v {
                        si.appendInt(i)
                        return try rest(f, &si)
                    }
                    return try CompiledIndex.finish(parts, isTuple, f, si, current: v, next: k + 1)
                }
            case .slice(let ca, let cb, let cc):
                next = { f, si in
                    let va = try ca.evaluate(f)
                    let vb = try cb.evaluate(f)
                    let vc = try cc.evaluate(f)
                    if let x = CompiledIndex.optionalInt(va), let y = CompiledIndex.optionalInt(vb),
                       let z = CompiledIndex.optionalInt(vc) {
                        si.appendSlice(x, y, z)
                        return try rest(f, &si)
                    }
                    return try CompiledIndex.finish(parts, isTuple, f, si, current: .object(PySlice(va, vb, vc)),
                                                    next: k + 1)
                }
            }
        }
        run = next
    }

    /// The index as evaluated: inline ints and slices, or the Python value of the general path.
    enum Evaluated {
        case small(SmallIndex)
        case value(Value)
    }

    /// Evaluates the parts in Python's order (each slice's start, stop, step in turn).
    @inline(__always)
    func evaluate(_ f: Frame) throws -> Evaluated {
        var si = SmallIndex()
        if let v = try run(f, &si) { return .value(v) }
        return .small(si)
    }

    /// `.some(nil)` for None, `.some(i)` for an int, nil for anything else.
    @inline(__always)
    private static func optionalInt(_ v: Value) -> Int?? {
        switch v {
        case .none: return .some(nil)
        case .int(let i): return .some(i)
        default: return nil
        }
    }

    /// The general path's index value once a part is not an int or a plain slice: the parts
    /// already read (rebuilt from their ints), `current`, then the remaining parts evaluated.
    private static func finish(_ parts: [Part], _ isTuple: Bool, _ f: Frame, _ si: SmallIndex, current: Value,
                               next: Int) throws -> Value {
        var items = Self.values(si)
        items.append(current)
        for k in next..<parts.count {
            switch parts[k] {
            case .plain(let c): items.append(try c(f))
            case .slice(let ca, let cb, let cc):
                items.append(.object(PySlice(try ca.evaluate(f), try cb.evaluate(f), try cc.evaluate(f))))
            }
        }
        return isTuple ? .object(PyTuple(items)) : items[0]
    }

    /// The parts of an all-int/slice index as Python values.
    private static func values(_ si: SmallIndex) -> [Value] {
        var items: [Value] = []
        items.reserveCapacity(si.count)
        for k in 0..<si.count {
            if let i = si.int(at: k) {
                items.append(.int(i))
            } else if let (a, b, c) = si.slice(at: k) {
                items.append(.object(PySlice(a.map { .int($0) } ?? .none, b.map { .int($0) } ?? .none,
                                             c.map { .int($0) } ?? .none)))
            }
        }
        return items
    }

    /// The Python value the general path receives for this index.
    func value(_ e: Evaluated) -> Value {
        switch e {
        case .value(let v): return v
        case .small(let si):
            let items = Self.values(si)
            return isTuple ? .object(PyTuple(items)) : items[0]
        }
    }
}

extension Compiler {
    /// Compiles `index` part by part when it is 1...4 parts with no starred ones.
    func compiledIndex(_ index: Expr) throws -> CompiledIndex? {
        func part(_ e: Expr) throws -> CompiledIndex.Part? {
            switch e.kind {
            case .starred: return nil
            case .slice(let a, let b, let c):
                func bound(_ e: Expr?) throws -> CompiledIndex.Bound {
                    guard let e else { return .absent }
                    return .code(try expr(e))
                }
                return .slice(try bound(a), try bound(b), try bound(c))
            default: return .plain(try expr(e))
            }
        }
        if case .tuple(let xs) = index.kind {
            guard (1...SmallIndex.capacity).contains(xs.count) else { return nil }
            var parts: [CompiledIndex.Part] = []
            for x in xs {
                guard let p = try part(x) else { return nil }
                parts.append(p)
            }
            return CompiledIndex(parts: parts, isTuple: true)
        }
        guard let p = try part(index) else { return nil }
        return CompiledIndex(parts: [p], isTuple: false)
    }

    /// `obj[index]` with the index evaluated inline: a plain view of a tensor without slice or
    /// tuple objects; anything else through `getItem` with the same values.
    func subscriptExpr(_ obj: Expr, _ index: Expr, _ span: Span) throws -> Code? {
        unowned let interp = self.interp
        guard let ci = try compiledIndex(index) else { return nil }
        let o = try expr(obj)
        return { f in
            let v = try o(f)
            let idx = try ci.evaluate(f)
            if case .tensor(let t) = v, case .small(let si) = idx, !(t.requiresGrad && GradMode.isEnabled),
               let sv = t.smallBasicView(si) {
                return interp.wrap(t.viewTensor(sv), like: t)
            }
            do { return try interp.getItem(v, ci.value(idx)) } catch { throw interp.locate(error, span) }
        }
    }

    /// `obj[index] = value` with the index evaluated inline: one tensor element set directly when
    /// the index is `rank` ints; anything else through `setItem` with the same values.
    func subscriptStore(_ obj: Expr, _ index: Expr) throws -> Store? {
        unowned let interp = self.interp
        guard let ci = try compiledIndex(index) else { return nil }
        let o = try expr(obj)
        return { f, v in
            let container = try o(f)
            let idx = try ci.evaluate(f)
            if case .tensor(let t) = container, case .small(let si) = idx, let operand = Compiler.operand(v),
               t.setElementIfPlain(si, operand) {
                return
            }
            try interp.setItem(container, ci.value(idx), v)
        }
    }

    /// `(l * r).sum()`: one fused kernel when both operands are plain views of same-shape float
    /// tensors that record no history; otherwise subscript, multiply and `sum` as compiled
    /// separately (errors located at the same spans).
    func fusedMulSum(_ fn: Expr, _ args: [Argument], _ span: Span) throws -> Code? {
        unowned let interp = self.interp
        guard args.isEmpty, case .attribute(let product, "sum") = fn.kind,
              case .binary(.mul, let l, let r) = product.kind else { return nil }
        let left = try fusedOperand(l)
        let right = try fusedOperand(r)
        let mulSpan = product.span
        return { f in
            let x = try left(f)
            let y = try right(f)
            if case .view(let va, _) = x, case .view(let vb, _) = y {
                do {
                    if let s = try Tensor.fusedMulSum(va, vb) { return .tensor(s) }
                } catch { throw interp.locate(error, mulSpan) }
            }
            return try Compiler.unfusedMulSum(interp, x, y, mulSpan, span)
        }
    }

    /// The general path of `(l * r).sum()` on evaluated operands.
    static func unfusedMulSum(_ interp: Interpreter, _ x: FusedOperand, _ y: FusedOperand, _ mulSpan: Span,
                              _ span: Span) throws -> Value {
        let lv = x.value(interp)
        let rv = y.value(interp)
        let p: Value
        do { p = try interp.binary(.mul, lv, rv) } catch { throw interp.locate(error, mulSpan) }
        do { return try interp.callMethod(p, "sum", [], []) } catch { throw interp.locate(error, span) }
    }

    /// `obj[index] = (l * r).sum()` (the body of the book's `corr2d`): when the fused product
    /// applies and the target is one element of a plain tensor, the sum is written straight into
    /// it, with no 0-d tensor in between. Evaluation order (value, then container, then index),
    /// values and errors are those of `fusedMulSum` followed by `subscriptStore`.
    func fusedMulSumStore(_ target: Expr, _ value: Expr, _ span: Span) throws -> Block? {
        unowned let interp = self.interp
        guard case .subscript(let obj, let index) = target.kind, case .call(let fn, let args) = value.kind,
              args.isEmpty, case .attribute(let product, "sum") = fn.kind,
              case .binary(.mul, let l, let r) = product.kind,
              let ci = try compiledIndex(index) else { return nil }
        let left = try fusedOperand(l)
        let right = try fusedOperand(r)
        let o = try expr(obj)
        let mulSpan = product.span
        let valueSpan = value.span
        return { f in
            do {
                let x = try left(f)
                let y = try right(f)
                let v: Value
                if case .view(let va, _) = x, case .view(let vb, _) = y,
                   let (sum, dt) = Tensor.fusedMulSumValue(va, vb) {
                    let container = try o(f)
                    let idx = try ci.evaluate(f)
                    if case .tensor(let t) = container, case .small(let si) = idx,
                       t.setElementIfPlain(si, fromZeroDim: sum) {
                        return .normal
                    }
                    do { v = .tensor(try Tensor(scalar: .double(sum), dtype: dt)) } catch { throw interp.locate(error, mulSpan) }
                    try interp.setItem(container, ci.value(idx), v)
                    return .normal
                }
                v = try Compiler.unfusedMulSum(interp, x, y, mulSpan, valueSpan)
                let container = try o(f)
                let idx = try ci.evaluate(f)
                if case .tensor(let t) = container, case .small(let si) = idx, let operand = Compiler.operand(v),
                   t.setElementIfPlain(si, operand) {
                    return .normal
                }
                try interp.setItem(container, ci.value(idx), v)
            } catch { throw interp.locate(error, span) }
            return .normal
        }
    }

    /// A value as a tensor-element operand (numbers and tensors), or nil.
    static func operand(_ v: Value) -> Operand? {
        switch v {
        case .int(let i): return .scalar(.int(i))
        case .float(let d): return .scalar(.double(d))
        case .bool(let b): return .scalar(.bool(b))
        case .tensor(let x): return .tensor(x)
        default: return nil
        }
    }

    /// An operand of a fused product: a plain tensor view kept as geometry, or a value.
    private func fusedOperand(_ e: Expr) throws -> (Frame) throws -> FusedOperand {
        unowned let interp = self.interp
        if case .subscript(let obj, let index) = e.kind, let ci = try compiledIndex(index) {
            let o = try expr(obj)
            let span = e.span
            return { f in
                let v = try o(f)
                let idx = try ci.evaluate(f)
                if case .tensor(let t) = v, t.flavor != .ndarray, case .small(let si) = idx,
                   !(t.requiresGrad && GradMode.isEnabled), let sv = t.smallBasicView(si) {
                    return .view(sv, whole: false)
                }
                do { return .value(try interp.getItem(v, ci.value(idx))) } catch { throw interp.locate(error, span) }
            }
        }
        let c = try expr(e)
        return { f in
            let v = try c(f)
            if case .tensor(let t) = v, t.flavor != .ndarray, let sv = t.smallView { return .view(sv, whole: true) }
            return .value(v)
        }
    }
}

/// An evaluated operand of `fusedMulSum`.
enum FusedOperand {
    /// A plain view: its geometry, and whether it is the whole tensor (not a subscript).
    case view(SmallView, whole: Bool)
    case value(Value)

    /// The operand as the general path sees it (the view materialised as a tensor; views are
    /// only kept for tensors that record no history, so this is the general path's view).
    func value(_ interp: Interpreter) -> Value {
        switch self {
        case .value(let v): return v
        case .view(let sv, let whole): return .tensor(whole ? sv.tensor : sv.tensor.viewTensor(sv))
        }
    }
}
