import Testing
@testable import Tensors

/// The packed SIMD GEMM against `gemmPlain`, on every instruction-set level this CPU runs.
struct FastGEMMTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let m: Int, n: Int, k: Int
        let transA: Bool, transB: Bool, accumulate: Bool
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "1x1x1", m: 1, n: 1, k: 1, transA: false, transB: false, accumulate: false),
        Case(id: "k0 clears C", m: 3, n: 5, k: 0, transA: false, transB: false, accumulate: false),
        Case(id: "k0 keeps C", m: 3, n: 5, k: 0, transA: false, transB: false, accumulate: true),
        Case(id: "edges 7x33x5", m: 7, n: 33, k: 5, transA: false, transB: false, accumulate: false),
        Case(id: "one row (direct B)", m: 1, n: 100, k: 9, transA: false, transB: false, accumulate: false),
        Case(id: "six rows (direct B)", m: 6, n: 70, k: 25, transA: false, transB: false, accumulate: true),
        Case(id: "multi panel 17x65x300", m: 17, n: 65, k: 300, transA: false, transB: false, accumulate: false),
        Case(id: "transposed A", m: 20, n: 40, k: 30, transA: true, transB: false, accumulate: false),
        Case(id: "transposed B", m: 16, n: 45, k: 600, transA: false, transB: true, accumulate: true),
        Case(id: "both transposed", m: 9, n: 31, k: 17, transA: true, transB: true, accumulate: false),
        Case(id: "MC and NCB blocks 250x400x260", m: 250, n: 400, k: 260, transA: false, transB: false,
             accumulate: true),
    ]

    /// Reference C (accumulated onto `c0` when asked) from the plain kernel.
    static func reference(_ t: Case, _ a: [Float], _ b: [Float], _ c0: [Float]) -> [Float] {
        var r = [Float](repeating: 0, count: t.m * t.n)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                r.withUnsafeMutableBufferPointer { rp in
                    gemmPlain(m: t.m, n: t.n, k: t.k,
                              a: ap.baseAddress!, aRowStride: t.transA ? 1 : t.k, aColStride: t.transA ? t.m : 1,
                              b: bp.baseAddress!, bRowStride: t.transB ? 1 : t.n, bColStride: t.transB ? t.k : 1,
                              c: rp.baseAddress!)
                }
            }
        }
        if t.accumulate { for i in 0..<r.count { r[i] += c0[i] } }
        return r
    }

    @Test(arguments: cases)
    func everyLevelMatchesPlain(_ t: Case) {
        let a = kernelTestValues(Swift.max(1, t.m * t.k), seed: 1)
        let b = kernelTestValues(Swift.max(1, t.k * t.n), seed: 2)
        let c0 = kernelTestValues(t.m * t.n, seed: 3)
        let want = Self.reference(t, a, b, c0)
        for isa in FastGEMM.ISA.allCases where isa.rawValue <= FastGEMM.bestISA.rawValue {
            var c = c0
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        FastGEMM.sgemm(isa: isa, m: t.m, n: t.n, k: t.k,
                                       a: ap.baseAddress!, aRowStride: t.transA ? 1 : t.k,
                                       aColStride: t.transA ? t.m : 1,
                                       b: bp.baseAddress!, bRowStride: t.transB ? 1 : t.n,
                                       bColStride: t.transB ? t.k : 1,
                                       c: cp.baseAddress!, ldc: t.n, accumulate: t.accumulate)
                    }
                }
            }
            #expect(kernelMaxError(c, want) < 1e-5 * Float(Swift.max(1, t.k)), "\(isa)")
        }
    }

    /// The multi-threaded splits (along n, along m) and a C with a leading dimension wider than n.
    @Test(arguments: [(64, 300, 200), (200, 40, 300), (5, 3000, 200)])
    func threadedSplitsMatchPlain(_ shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let ldc = n + 3
        let a = kernelTestValues(m * k, seed: 4)
        let b = kernelTestValues(k * n, seed: 5)
        let t = Case(id: "", m: m, n: n, k: k, transA: false, transB: false, accumulate: false)
        let want = Self.reference(t, a, b, [])
        var c = [Float](repeating: 7, count: m * ldc)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    FastGEMM.sgemm(m: m, n: n, k: k, a: ap.baseAddress!, aRowStride: k, aColStride: 1,
                                   b: bp.baseAddress!, bRowStride: n, bColStride: 1, c: cp.baseAddress!, ldc: ldc,
                                   accumulate: false, threads: 2)
                }
            }
        }
        var got = [Float]()
        for i in 0..<m { got += c[(i * ldc)..<(i * ldc + n)] }
        #expect(kernelMaxError(got, want) < 1e-5 * Float(k))
        #expect((0..<m).allSatisfy { i in c[(i * ldc + n)..<(i * ldc + ldc)].allSatisfy { $0 == 7 } })
    }

    /// `gemm` (what torch.mm and conv use) routes float32 to the fast kernels and keeps float64 plain.
    @Test func gemmEntryPoint() {
        let a = kernelTestValues(12, seed: 6)
        let b = kernelTestValues(20, seed: 7)
        let t = Case(id: "", m: 3, n: 5, k: 4, transA: false, transB: false, accumulate: false)
        var c = [Float](repeating: 0, count: 15)
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    gemm(m: 3, n: 5, k: 4, a: ap.baseAddress!, aRowStride: 4, aColStride: 1,
                         b: bp.baseAddress!, bRowStride: 5, bColStride: 1, c: cp.baseAddress!)
                }
            }
        }
        #expect(kernelMaxError(c, Self.reference(t, a, b, [])) < 1e-6)
    }
}
