/// Dense matrix multiply C[m×n] = A[m×k] · B[k×n] on float buffers.
///
/// A and B are given by element strides (row, column), so transposed views need no copy unless
/// they are not row-major, in which case they are packed once. C is row-major contiguous with
/// leading dimension `n`.
///
/// float32 runs on the packed SIMD kernels (`FastGEMM`, multi-threaded for big products), whose
/// k-blocked fused multiply-adds may differ from `gemmPlain` in the last bits; other types run
/// `gemmPlain`.
func gemm<T: FloatElement>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<T>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<T>
) {
    if T.self == Float.self {
        FastGEMM.sgemm(
            m: m, n: n, k: k,
            a: UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), aRowStride: aRowStride, aColStride: aColStride,
            b: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), bRowStride: bRowStride, bColStride: bColStride,
            c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: n, accumulate: false)
        return
    }
    gemmPlain(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColStride: aColStride,
              b: b, bRowStride: bRowStride, bColStride: bColStride, c: c)
}

/// The reference GEMM: register-blocked scalar loops; the fast paths are tested against it.
/// Each C element accumulates over k in order (p = 0, 1, …), so blocking does not change results.
func gemmPlain<T: FloatElement>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<T>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<T>
) {
    if m == 0 || n == 0 { return }
    c.update(repeating: 0, count: m * n)
    if k == 0 { return }
    // Pack B into row-major [k, n] unless it already is.
    var packedB: UnsafeMutablePointer<T>? = nil
    var bp = b
    if bColStride != 1 || bRowStride != n {
        let p = UnsafeMutablePointer<T>.allocate(capacity: k * n)
        for r in 0..<k {
            for j in 0..<n { p[r * n + j] = b[r * bRowStride + j * bColStride] }
        }
        packedB = p
        bp = UnsafePointer(p)
    }
    defer { packedB?.deallocate() }
    let kc = 256
    let nc = 1024
    var p0 = 0
    while p0 < k {
        let p1 = Swift.min(p0 + kc, k)
        var j0 = 0
        while j0 < n {
            let j1 = Swift.min(j0 + nc, n)
            var i = 0
            // 4-row micro-panel: each loaded B row feeds four C rows.
            while i + 4 <= m {
                let c0 = c + i * n
                let c1 = c0 + n
                let c2 = c1 + n
                let c3 = c2 + n
                for p in p0..<p1 {
                    let a0 = a[i * aRowStride + p * aColStride]
                    let a1 = a[(i + 1) * aRowStride + p * aColStride]
                    let a2 = a[(i + 2) * aRowStride + p * aColStride]
                    let a3 = a[(i + 3) * aRowStride + p * aColStride]
                    let brow = bp + p * n
                    for j in j0..<j1 {
                        let bv = brow[j]
                        c0[j] += a0 * bv
                        c1[j] += a1 * bv
                        c2[j] += a2 * bv
                        c3[j] += a3 * bv
                    }
                }
                i += 4
            }
            while i < m {
                let c0 = c + i * n
                for p in p0..<p1 {
                    let a0 = a[i * aRowStride + p * aColStride]
                    let brow = bp + p * n
                    for j in j0..<j1 { c0[j] += a0 * brow[j] }
                }
                i += 1
            }
            j0 = j1
        }
        p0 = p1
    }
}

/// Integer matrix multiply with wrapping arithmetic (PyTorch supports integer mm on CPU).
func gemmInt<T: IntElement>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<T>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<T>
) {
    for i in 0..<m {
        for j in 0..<n {
            var acc: T = 0
            for p in 0..<k { acc &+= a[i * aRowStride + p * aColStride] &* b[p * bRowStride + j * bColStride] }
            c[i * n + j] = acc
        }
    }
}
