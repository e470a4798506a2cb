import CKernels

/// float32 GEMM on the CKernels micro-kernels (AVX-512 / AVX2 / portable, chosen at run time),
/// split across cores along n (or m when n is narrow) once the work is worth a thread wake-up.
enum FastGEMM {
    /// C[m×n] (row stride `ldc`) = (accumulate ? C : 0) + A·B; A(i, p) = a[i·aRowStride + p·aColStride],
    /// B(p, j) = b[p·bRowStride + j·bColStride]. C must not alias A or B. `threads` caps the workers
    /// (1 = calling thread only, as the conv drivers do inside their own parallel parts).
    static func sgemm(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int, bColStride: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, threads: Int = KernelThreads.count
    ) {
        if m <= 0 || n <= 0 { return }
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        let parts = threads > 1 && flops >= Double(KernelThreads.minParallelFlops) ? threads : 1
        let acc: Int32 = accumulate ? 1 : 0
        if parts > 1 && n >= 64 * parts {
            // Column slices aligned to 32 (both micro-tile widths divide it).
            let blocks = (n + 31) / 32
            KernelThreads.run(parts) { t in
                let r = KernelThreads.slice(t, of: parts, total: blocks)
                let j0 = r.lowerBound * 32
                let j1 = Swift.min(n, r.upperBound * 32)
                if j0 >= j1 { return }
                ck_sgemm(m, j1 - j0, k, a, aRowStride, aColStride, b + j0 * bColStride, bRowStride, bColStride,
                         c + j0, ldc, acc)
            }
        } else if parts > 1 && m >= 16 * parts {
            let blocks = (m + 7) / 8
            KernelThreads.run(parts) { t in
                let r = KernelThreads.slice(t, of: parts, total: blocks)
                let i0 = r.lowerBound * 8
                let i1 = Swift.min(m, r.upperBound * 8)
                if i0 >= i1 { return }
                ck_sgemm(i1 - i0, n, k, a + i0 * aRowStride, aRowStride, aColStride, b, bRowStride, bColStride,
                         c + i0 * ldc, ldc, acc)
            }
        } else {
            ck_sgemm(m, n, k, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc, acc)
        }
    }
}

extension FastGEMM {
    /// Instruction-set levels of the micro-kernels (CKernels' `CK_ISA_*`).
    enum ISA: Int32, CaseIterable {
        case portable = 0
        case avx2 = 1
        case avx512 = 2
    }

    /// The widest level this CPU runs, which `sgemm` uses.
    static var bestISA: ISA { ISA(rawValue: ck_best_isa()) ?? .portable }

    /// Single-threaded `sgemm` on one level (lowered to `bestISA` if the CPU lacks it): lets tests
    /// check every kernel against `gemmPlain`.
    static func sgemm(
        isa: ISA, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColStride: Int,
        b: UnsafePointer<Float>, bRowStride: Int, bColStride: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        ck_sgemm_isa(isa.rawValue, m, n, k, a, aRowStride, aColStride, b, bRowStride, bColStride, c, ldc,
                     accumulate ? 1 : 0)
    }
}
