import Language
import Tensors

// A loop superinstruction for the innermost loop of the book's `corr2d`:
//
//     for j in range(...):
//         Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
//
// The loop body is one element store of a fused product sum whose tensors are plain names and
// whose index parts are small int expressions (literals, names, and one `+` or `-`). Such a body
// calls no user code and rebinds no name, so the tensors and the other names can be read once
// when the loop starts; each iteration then only computes its index ints and runs the fused
// kernel and the element write, with no closure calls, values or reference counting. Every
// iteration does exactly what the compiled body would (same views, same bits, same write, same
// version bump); the first iteration where any precondition fails (a non-int index, an
// out-of-range element, a shape mismatch, autograd, overflow) runs the compiled body instead, as
// does every iteration after it, so results and errors are those of the general path.

/// An int the loop kernel evaluates: a literal, a name (the loop variable, or a name read when the
/// loop starts), or the sum or difference of two of those.
indirect enum LoopInt {
    case literal(Int)
    case loopVariable
    case name(LoopName)
    case add(LoopInt, LoopInt)
    case sub(LoopInt, LoopInt)

    /// `constant + coefficient * j` once the names are read, or nil when a name is not an int.
    func affine(_ f: Frame) -> (constant: Int, coefficient: Int)? {
        switch self {
        case .literal(let k): return (k, 0)
        case .loopVariable: return (0, 1)
        case .name(let n):
            guard case .int(let k)? = n.read(f) else { return nil }
            return (k, 0)
        case .add(let a, let b):
            guard let x = a.affine(f), let y = b.affine(f) else { return nil }
            let (c, o1) = x.constant.addingReportingOverflow(y.constant)
            let (k, o2) = x.coefficient.addingReportingOverflow(y.coefficient)
            return o1 || o2 ? nil : (c, k)
        case .sub(let a, let b):
            guard let x = a.affine(f), let y = b.affine(f) else { return nil }
            let (c, o1) = x.constant.subtractingReportingOverflow(y.constant)
            let (k, o2) = x.coefficient.subtractingReportingOverflow(y.coefficient)
            return o1 || o2 ? nil : (c, k)
        }
    }
}

/// A name the loop kernel reads when the loop starts (a local slot or a module global).
enum LoopName {
    case local(Int)
    case global(GlobalBox)

    func read(_ f: Frame) -> Value? {
        switch self {
        case .local(let s): return f.locals[s]
        case .global(let b): return b.value
        }
    }
}

/// One subscript part of the kernel: an int, or a slice with optional bounds.
enum LoopIndexPart {
    case int(LoopInt)
    case slice(LoopInt?, LoopInt?, LoopInt?)
}

/// `base[parts]`, or `base` itself when `parts` is nil.
struct LoopOperand {
    let base: LoopName
    let parts: [LoopIndexPart]?
}

/// The kernel's compiled form: target and the product's two operands.
struct LoopFusedStore {
    let target: LoopName
    let targetParts: [LoopIndexPart]
    let left: LoopOperand
    let right: LoopOperand

    /// Reads the tensors and the index names and makes the kernel for one run of the loop, or
    /// nil when the kernel cannot run it.
    func prepare(_ f: Frame) -> FusedStoreKernel? {
        guard case .tensor(let t)? = target.read(f),
              case .tensor(let l)? = left.base.read(f), l.flavor != .ndarray,
              case .tensor(let r)? = right.base.read(f), r.flavor != .ndarray,
              let ti = LoopFusedStore.resolve(targetParts, f) else { return nil }
        var li: AffineIndex?
        if let parts = left.parts {
            guard let x = LoopFusedStore.resolve(parts, f) else { return nil }
            li = x
        }
        var ri: AffineIndex?
        if let parts = right.parts {
            guard let x = LoopFusedStore.resolve(parts, f) else { return nil }
            ri = x
        }
        return FusedStoreKernel(target: t, ti, left: l, li, right: r, ri)
    }

    private static func resolve(_ parts: [LoopIndexPart], _ f: Frame) -> AffineIndex? {
        var out = AffineIndex()
        for p in parts {
            switch p {
            case .int(let e):
                guard let v = e.affine(f) else { return nil }
                out.appendInt(v)
            case .slice(let s, let e, let st):
                var start: (constant: Int, coefficient: Int)?
                var stop: (constant: Int, coefficient: Int)?
                var step: (constant: Int, coefficient: Int)?
                if let s {
                    guard let v = s.affine(f) else { return nil }
                    start = v
                }
                if let e {
                    guard let v = e.affine(f) else { return nil }
                    stop = v
                }
                if let st {
                    guard let v = st.affine(f) else { return nil }
                    step = v
                }
                out.appendSlice(start, stop, step)
            }
        }
        return out
    }
}

extension Compiler {
    /// The loop kernel for `for <local> in <iter>: <fused store>` with no `else`, or nil.
    func loopFusedStore(_ target: Expr, _ body: [Stmt], _ orelse: [Stmt]) -> LoopFusedStore? {
        guard orelse.isEmpty, body.count == 1, case .name(let loopName) = target.kind,
              case .local(let loopSlot) = resolve(loopName),
              case .assign(let targets, let value) = body[0].kind, targets.count == 1,
              case .subscript(let tObj, let tIndex) = targets[0].kind, case .name(let tName) = tObj.kind,
              case .call(let fn, let args) = value.kind, args.isEmpty,
              case .attribute(let product, "sum") = fn.kind, case .binary(.mul, let l, let r) = product.kind
        else { return nil }

        func name(_ n: String) -> LoopName? {
            switch resolve(n) {
            case .local(let s): return s == loopSlot ? nil : .local(s)
            case .global(let b): return .global(b)
            case .cell, .classNamespace: return nil
            }
        }
        func term(_ e: Expr) -> LoopInt? {
            switch e.kind {
            case .int(let k): return .literal(k)
            case .name(let n):
                if case .local(let s) = resolve(n), s == loopSlot { return .loopVariable }
                return name(n).map { .name($0) }
            default: return nil
            }
        }
        func int(_ e: Expr) -> LoopInt? {
            if case .binary(let op, let a, let b) = e.kind, op == .add || op == .sub {
                guard let x = term(a), let y = term(b) else { return nil }
                return op == .add ? .add(x, y) : .sub(x, y)
            }
            return term(e)
        }
        func parts(_ index: Expr) -> [LoopIndexPart]? {
            let items: [Expr]
            if case .tuple(let xs) = index.kind { items = xs } else { items = [index] }
            guard (1...SmallIndex.capacity).contains(items.count) else { return nil }
            var out: [LoopIndexPart] = []
            for x in items {
                if case .slice(let a, let b, let c) = x.kind {
                    var bounds: [LoopInt?] = []
                    for bound in [a, b, c] {
                        guard let bound else { bounds.append(nil); continue }
                        guard let v = int(bound) else { return nil }
                        bounds.append(v)
                    }
                    out.append(.slice(bounds[0], bounds[1], bounds[2]))
                } else {
                    guard let v = int(x) else { return nil }
                    out.append(.int(v))
                }
            }
            return out
        }
        func operand(_ e: Expr) -> LoopOperand? {
            switch e.kind {
            case .name(let n): return name(n).map { LoopOperand(base: $0, parts: nil) }
            case .subscript(let obj, let index):
                guard case .name(let n) = obj.kind, let b = name(n), let p = parts(index) else { return nil }
                return LoopOperand(base: b, parts: p)
            default: return nil
            }
        }
        guard let t = name(tName), let tp = parts(tIndex), let lo = operand(l), let ro = operand(r) else { return nil }
        return LoopFusedStore(target: t, targetParts: tp, left: lo, right: ro)
    }
}
