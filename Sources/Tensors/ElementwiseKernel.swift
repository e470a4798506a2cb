/// The shared driver of elementwise kernels: operands already in the compute dtype, an output,
/// and either a flat fast path (all contiguous, same shape) or a coalesced strided plan.
struct ElementwiseKernel {
    let out: Tensor
    let a: Tensor?
    let b: Tensor?
    let scalarA: Scalar
    let scalarB: Scalar
    /// Element count when every tensor operand is contiguous with the output's shape.
    let flatCount: Int?
    /// Rank-2 case without broadcasting and a contiguous output (e.g. a slice times a small
    /// tensor): rows, cols and each operand's two strides, with no plan arrays to allocate.
    let grid: (rows: Int, cols: Int, ar: Int, ac: Int, br: Int, bc: Int)?
    let plan: LoopPlan?

    /// `a` and `b` are tensors or scalars (at least one tensor); `out` has the broadcast shape.
    init(out: Tensor, a: Tensor?, b: Tensor?, scalarA: Scalar = .int(0), scalarB: Scalar = .int(0)) {
        self.out = out
        self.a = a
        self.b = b
        self.scalarA = scalarA
        self.scalarB = scalarB
        let shape = out.shape
        let fast = out.isContiguous && (a.map { $0.isContiguous && $0.shape == shape } ?? true)
            && (b.map { $0.isContiguous && $0.shape == shape } ?? true)
        if fast {
            flatCount = out.count
            grid = nil
            plan = nil
        } else if shape.count == 2 && out.isContiguous && (a.map { $0.shape == shape } ?? true)
                    && (b.map { $0.shape == shape } ?? true) {
            flatCount = nil
            let sa = a?.strides ?? [0, 0]
            let sb = b?.strides ?? [0, 0]
            grid = (shape[0], shape[1], sa[0], sa[1], sb[0], sb[1])
            plan = nil
        } else {
            flatCount = nil
            grid = nil
            if let a, let b {
                plan = LoopPlan(shape: shape, out.strides, broadcastStrides(a, to: shape), broadcastStrides(b, to: shape))
            } else {
                let t = a ?? b.unsafelyUnwrapped
                plan = LoopPlan(shape: shape, out.strides, broadcastStrides(t, to: shape))
            }
        }
    }

    /// Runs `f` over the operands (T: operand element type, R: output element type).
    @inline(__always)
    func run<T: TensorElement, R>(_: T.Type, _: R.Type, _ f: (T, T) -> R) {
        let po = out.pointer(R.self)
        if let a, let b {
            let pa = UnsafePointer(a.pointer(T.self))
            let pb = UnsafePointer(b.pointer(T.self))
            if let n = flatCount {
                for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            } else if let g = grid {
                var o = 0
                for r in 0..<g.rows {
                    let ra = pa + r &* g.ar
                    let rb = pb + r &* g.br
                    for c in 0..<g.cols {
                        po[o] = f(ra[c &* g.ac], rb[c &* g.bc])
                        o &+= 1
                    }
                }
            } else {
                binaryLoop(po, pa, pb, plan.unsafelyUnwrapped, f)
            }
        } else if let a {
            let pa = UnsafePointer(a.pointer(T.self))
            let s = T(scalar: scalarB)
            if let n = flatCount {
                for i in 0..<n { po[i] = f(pa[i], s) }
            } else if let g = grid {
                var o = 0
                for r in 0..<g.rows {
                    let ra = pa + r &* g.ar
                    for c in 0..<g.cols {
                        po[o] = f(ra[c &* g.ac], s)
                        o &+= 1
                    }
                }
            } else {
                unaryLoop(po, pa, plan.unsafelyUnwrapped) { f($0, s) }
            }
        } else if let b {
            let pb = UnsafePointer(b.pointer(T.self))
            let s = T(scalar: scalarA)
            if let n = flatCount {
                for i in 0..<n { po[i] = f(s, pb[i]) }
            } else if let g = grid {
                var o = 0
                for r in 0..<g.rows {
                    let rb = pb + r &* g.br
                    for c in 0..<g.cols {
                        po[o] = f(s, rb[c &* g.bc])
                        o &+= 1
                    }
                }
            } else {
                unaryLoop(po, pb, plan.unsafelyUnwrapped) { f(s, $0) }
            }
        }
    }

    /// Contiguous operands of at least this many elements are split across the cores (each worker
    /// then streams at least 128K elements, far more than the few microseconds a wake-up costs).
    static let parallelElements = 1 << 18

    /// `a op b` for the four arithmetic ops on large contiguous float operands (tensor or scalar
    /// on either side), split across `KernelThreads.count` workers. False (nothing done) when the
    /// operands are not flat, small, or the op is another one: the caller then runs `run`.
    /// Each element is computed by the same expression as `run`'s, so results are identical.
    func runParallelFlat<T: FloatElement>(_ op: BinaryOp, _: T.Type) -> Bool {
        guard let n = flatCount, n >= Self.parallelElements, KernelThreads.count > 1,
              op == .add || op == .sub || op == .mul || op == .div else { return false }
        let parts = Swift.min(KernelThreads.count, n / (Self.parallelElements / 2))
        let po = out.pointer(T.self)
        let pa = a.map { UnsafePointer($0.pointer(T.self)) }
        let pb = b.map { UnsafePointer($0.pointer(T.self)) }
        let sa = T(scalar: scalarA)
        let sb = T(scalar: scalarB)
        KernelThreads.run(parts) { t in
            ElementwiseKernel.flatPart(op, pa, sa, pb, sb, po, KernelThreads.slice(t, of: parts, total: n))
        }
        return true
    }

    /// One worker's slice of `runParallelFlat` (a direct call, so each loop is specialised and
    /// vectorised with its operator inline).
    @inline(never)
    static func flatPart<T: FloatElement>(_ op: BinaryOp, _ pa: UnsafePointer<T>?, _ sa: T, _ pb: UnsafePointer<T>?,
                                          _ sb: T, _ po: UnsafeMutablePointer<T>, _ r: Range<Int>) {
        @inline(__always) func loop(_ f: (T, T) -> T) {
            if let pa, let pb {
                for i in r { po[i] = f(pa[i], pb[i]) }
            } else if let pa {
                for i in r { po[i] = f(pa[i], sb) }
            } else if let pb {
                for i in r { po[i] = f(sa, pb[i]) }
            }
        }
        switch op {
        case .add: loop { $0 + $1 }
        case .sub: loop { $0 - $1 }
        case .mul: loop { $0 * $1 }
        default: loop { $0 / $1 }
        }
    }

    /// Runs a unary `f` over `a`.
    @inline(__always)
    func runUnary<T: TensorElement, R>(_: T.Type, _: R.Type, _ f: (T) -> R) {
        let po = out.pointer(R.self)
        let pa = UnsafePointer(a.unsafelyUnwrapped.pointer(T.self))
        if let n = flatCount {
            for i in 0..<n { po[i] = f(pa[i]) }
        } else if let g = grid {
            var o = 0
            for r in 0..<g.rows {
                let ra = pa + r &* g.ar
                for c in 0..<g.cols {
                    po[o] = f(ra[c &* g.ac])
                    o &+= 1
                }
            }
        } else {
            unaryLoop(po, pa, plan.unsafelyUnwrapped, f)
        }
    }
}
