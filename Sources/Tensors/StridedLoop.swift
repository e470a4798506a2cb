/// Iteration plan over a common shape for up to three operands (TensorIterator-like).
///
/// Size-1 dimensions are dropped and adjacent dimensions that are contiguous in every operand are
/// merged, so most loops run as one long innermost row. Strides are in elements; a broadcast
/// operand has stride 0. The innermost dimension is the last one.
struct LoopPlan {
    var shape: [Int]
    var s0: [Int]
    var s1: [Int]
    var s2: [Int]

    /// Builds a plan for `shape` with up to three stride lists (missing ones are treated as zeros).
    init(shape: [Int], _ a: [Int], _ b: [Int] = [], _ c: [Int] = []) {
        let r = shape.count
        if shape.contains(0) {
            // No elements: one empty row. (Dropping only the zero dim would leave a huge count of
            // empty rows to walk when the other dims are large; found by fuzzing.)
            self.shape = [0]
            self.s0 = [0]
            self.s1 = [0]
            self.s2 = [0]
            return
        }
        var sh: [Int] = []
        var x: [Int] = []
        var y: [Int] = []
        var z: [Int] = []
        sh.reserveCapacity(r)
        x.reserveCapacity(r)
        y.reserveCapacity(r)
        z.reserveCapacity(r)
        for i in 0..<r where shape[i] != 1 {
            let sa = a.isEmpty ? 0 : a[i]
            let sb = b.isEmpty ? 0 : b[i]
            let sc = c.isEmpty ? 0 : c[i]
            if let last = sh.last {
                // Merge with the previous (outer) dimension when that one steps exactly over this one.
                let k = sh.count - 1
                if x[k] == sa &* shape[i] && y[k] == sb &* shape[i] && z[k] == sc &* shape[i] {
                    sh[k] = last &* shape[i]
                    x[k] = sa
                    y[k] = sb
                    z[k] = sc
                    continue
                }
            }
            sh.append(shape[i])
            x.append(sa)
            y.append(sb)
            z.append(sc)
        }
        self.shape = sh
        self.s0 = x
        self.s1 = y
        self.s2 = z
    }

    /// Calls `body(n, off0, off1, off2)` for every innermost row; offsets are in elements and the
    /// row's element strides are `inner0/1/2`.
    @inline(__always)
    func forEachRow(_ body: (Int, Int, Int, Int) -> Void) {
        let r = shape.count
        if r == 0 {
            body(1, 0, 0, 0)
            return
        }
        let n = shape[r - 1]
        if r == 1 {
            body(n, 0, 0, 0)
            return
        }
        var rows = 1
        for i in 0..<(r - 1) { rows &*= shape[i] }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: r) { idx in
            for i in 0..<r { idx[i] = 0 }
            var o0 = 0
            var o1 = 0
            var o2 = 0
            for _ in 0..<rows {
                body(n, o0, o1, o2)
                var d = r - 2
                while d >= 0 {
                    idx[d] &+= 1
                    o0 &+= s0[d]
                    o1 &+= s1[d]
                    o2 &+= s2[d]
                    if idx[d] < shape[d] { break }
                    o0 &-= s0[d] &* shape[d]
                    o1 &-= s1[d] &* shape[d]
                    o2 &-= s2[d] &* shape[d]
                    idx[d] = 0
                    d -= 1
                }
            }
        }
    }

    var inner0: Int { s0.last ?? 0 }
    var inner1: Int { s1.last ?? 0 }
    var inner2: Int { s2.last ?? 0 }
}

/// Broadcast shape of two shapes, or PyTorch's size-mismatch error.
func broadcastShapes(_ a: [Int], _ b: [Int]) throws(TensorError) -> [Int] {
    if a == b { return a }
    let r = Swift.max(a.count, b.count)
    var out = [Int](repeating: 1, count: r)
    for i in 0..<r {
        let da = i < r - a.count ? 1 : a[i - (r - a.count)]
        let db = i < r - b.count ? 1 : b[i - (r - b.count)]
        if da == db || db == 1 {
            out[i] = da
        } else if da == 1 {
            out[i] = db
        } else {
            throw TensorError.runtime(
                "The size of tensor a (\(da)) must match the size of tensor b (\(db)) at non-singleton dimension \(i)")
        }
    }
    return out
}

/// Strides of `t` viewed with broadcast `shape` (0 for broadcast dims). Assumes broadcastability.
func broadcastStrides(_ t: Tensor, to shape: [Int]) -> [Int] {
    let r = shape.count
    let tr = t.rank
    if tr == r && t.shape == shape { return t.strides }
    var s = [Int](repeating: 0, count: r)
    let ts = t.shape
    let tst = t.strides
    for i in 0..<tr {
        let j = i + r - tr
        s[j] = ts[i] == 1 && shape[j] != 1 ? 0 : tst[i]
    }
    return s
}

// MARK: typed loops

/// out[i] = f(a[i]) over a plan (operand 0 = out, 1 = a).
@inline(__always)
func unaryLoop<A, R>(_ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>, _ plan: LoopPlan, _ f: (A) -> R) {
    let so = plan.inner0
    let sa = plan.inner1
    plan.forEachRow { n, oo, oa, _ in
        let po = out + oo
        let pa = a + oa
        if so == 1 && sa == 1 {
            for i in 0..<n { po[i] = f(pa[i]) }
        } else if so == 1 && sa == 0 {
            // An empty row must not read its (possibly out-of-bounds) first element.
            if n == 0 { return }
            let v = f(pa[0])
            for i in 0..<n { po[i] = v }
        } else {
            for i in 0..<n { po[i &* so] = f(pa[i &* sa]) }
        }
    }
}

/// out[i] = f(a[i], b[i]) over a plan (operand 0 = out, 1 = a, 2 = b).
@inline(__always)
func binaryLoop<A, B, R>(
    _ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ plan: LoopPlan,
    _ f: (A, B) -> R
) {
    let so = plan.inner0
    let sa = plan.inner1
    let sb = plan.inner2
    plan.forEachRow { n, oo, oa, ob in
        let po = out + oo
        let pa = a + oa
        let pb = b + ob
        if so == 1 && sa == 1 && sb == 1 {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
        } else if so == 1 && sa == 1 && sb == 0 {
            let bv = pb[0]
            for i in 0..<n { po[i] = f(pa[i], bv) }
        } else if so == 1 && sa == 0 && sb == 1 {
            let av = pa[0]
            for i in 0..<n { po[i] = f(av, pb[i]) }
        } else {
            for i in 0..<n { po[i &* so] = f(pa[i &* sa], pb[i &* sb]) }
        }
    }
}

/// Copies `src` (any dtype, broadcastable to dst's shape) into `dst` with casting. No checks.
func copyElements(from src: Tensor, to dst: Tensor) {
    let plan = LoopPlan(shape: dst.shape, dst.strides, broadcastStrides(src, to: dst.shape))
    func run<S: TensorElement>(_: S.Type) {
        func inner<D: TensorElement>(_: D.Type) {
            unaryLoop(dst.pointer(D.self), UnsafePointer(src.pointer(S.self)), plan) { D.cast($0) }
        }
        dispatchElement(dst.dtype) { inner($0) }
    }
    dispatchElement(src.dtype) { run($0) }
}

/// Calls `body` with the Swift element type of `dtype`.
///
/// Swift closures cannot be generic, so `body` receives a metatype as an existential and the callers
/// re-enter generic code through `dispatchElement`'s per-type cases; the compiler specialises each.
@inline(__always)
func dispatchElement(_ dtype: DType, _ body: (any TensorElement.Type) -> Void) {
    switch dtype {
    case .bool: body(Bool.self)
    case .uint8: body(UInt8.self)
    case .int8: body(Int8.self)
    case .int16: body(Int16.self)
    case .int32: body(Int32.self)
    case .int64: body(Int64.self)
    case .float32: body(Float.self)
    case .float64: body(Double.self)
    }
}
