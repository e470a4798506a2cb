/// `softmax` and `log_softmax` along one dim, each a single pass over [outer, size, inner] blocks.
extension NN {
    /// `torch.softmax(input, dim, dtype=None)` (`SoftmaxBackward0`). A given `dtype` converts first.
    public static func softmax(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        try softmaxFamily(input, dim: dim, dtype: dtype, log: false)
    }

    /// `F.log_softmax(input, dim, dtype=None)` (`LogSoftmaxBackward0`), computed as x - max - log Σ exp(x - max).
    public static func logSoftmax(_ input: Tensor, dim: Int, dtype: DType? = nil) throws -> Tensor {
        try softmaxFamily(input, dim: dim, dtype: dtype, log: true)
    }

    private static func softmaxFamily(_ input: Tensor, dim: Int, dtype: DType?, log: Bool) throws -> Tensor {
        let d = try normalizeDim(dim, rank: input.rank)
        let x0 = try dtype.map { try input.to($0) } ?? input
        let prefix = log ? "log_softmax" : "softmax"
        if !x0.dtype.isFloatingPoint {
            let lastDim = x0.rank == 0 || d == x0.rank - 1
            throw notImplemented(lastDim ? "\(prefix)_lastdim_kernel_impl" : "\(prefix)_kernel_impl", x0.dtype)
        }
        let x = try x0.contiguousRaw()
        let shape = x0.shape
        let outer = shape.isEmpty ? 1 : shapeCount(Array(shape[0..<d]))
        let size = shape.isEmpty ? 1 : shape[d]
        let inner = shape.isEmpty ? 1 : shapeCount(Array(shape[(d + 1)...]))
        let out = try Tensor(allocating: shape, dtype: x0.dtype)
        func run<T: FloatElement>(_: T.Type) {
            softmaxForward(x.pointer(T.self), out.pointer(T.self), outer: outer, size: size, inner: inner, log: log)
        }
        if x0.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        if shouldRecord(x0) {
            let saved = SavedTensor(out)
            let dt = x0.dtype
            record(out, log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", [x0], saves: true) { g, _ in
                let y = try saved.unpack()
                let gc = try g.contiguousRaw()
                let r = try Tensor(allocating: shape, dtype: dt)
                func back<T: FloatElement>(_: T.Type) {
                    softmaxBackward(gc.pointer(T.self), y.pointer(T.self), r.pointer(T.self),
                                    outer: outer, size: size, inner: inner, log: log)
                }
                if dt == .float32 { back(Float.self) } else { back(Double.self) }
                return [r]
            }
        }
        return out
    }
}

/// Softmax (or log-softmax) of each length-`size` line with element stride `inner`.
func softmaxForward<T: FloatElement>(
    _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, outer: Int, size: Int, inner: Int, log: Bool
) {
    if size == 0 { return }
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * size * inner + i
            var m = -T.infinity
            for k in 0..<size {
                let v = x[base + k * inner]
                if v > m || v.isNaN { m = v }
            }
            // An all -inf line gives NaN, as in PyTorch (exp(-inf - -inf)).
            var s: T = 0
            if log {
                for k in 0..<size { s += T.fexp(x[base + k * inner] - m) }
                let ls = T.flog(s)
                for k in 0..<size { y[base + k * inner] = x[base + k * inner] - m - ls }
            } else {
                for k in 0..<size {
                    let e = T.fexp(x[base + k * inner] - m)
                    y[base + k * inner] = e
                    s += e
                }
                let r = 1 / s
                for k in 0..<size { y[base + k * inner] *= r }
            }
        }
    }
}

/// softmax: gx = y (g - Σ g y); log-softmax: gx = g - exp(y) Σ g.
func softmaxBackward<T: FloatElement>(
    _ g: UnsafePointer<T>, _ y: UnsafePointer<T>, _ gx: UnsafeMutablePointer<T>, outer: Int, size: Int, inner: Int,
    log: Bool
) {
    if size == 0 { return }
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * size * inner + i
            var s: T = 0
            if log {
                for k in 0..<size { s += g[base + k * inner] }
                for k in 0..<size {
                    let j = base + k * inner
                    gx[j] = g[j] - T.fexp(y[j]) * s
                }
            } else {
                for k in 0..<size { s += g[base + k * inner] * y[base + k * inner] }
                for k in 0..<size {
                    let j = base + k * inner
                    gx[j] = y[j] * (g[j] - s)
                }
            }
        }
    }
}
