import Testing
@testable import Tensors
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Random math kernels")
struct RandomMathTests {
    #if canImport(Glibc)
    @Test("the logf port equals glibc's logf on a sweep of (0, 1] and beyond")
    func logfMatchesGlibc() {
        var mismatches = 0
        var bits: UInt32 = 0x0080_0000
        while bits < 0x7F00_0000 {
            let x = Float(bitPattern: bits)
            if GlibcLogf.logf(x).bitPattern != Glibc.logf(x).bitPattern { mismatches += 1 }
            bits &+= 997
        }
        #expect(mismatches == 0)
        #expect(GlibcLogf.logf(1) == 0)
    }
    #endif

    @Test("the Cephes float log is within a few ulps of libm on [2^-24, 1]")
    func cephesLog() {
        var worst: Float = 0
        var x: Float = 0x1p-24
        while x <= 1 {
            let exact = Float(log(Double(x)))
            worst = max(worst, abs(CephesFloatMath.log(x) - exact) / max(abs(exact), 1e-6))
            x = x.nextUp * 1.0001
        }
        #expect(worst < 1e-6)
        #expect(CephesFloatMath.log(1) == 0)
    }

    @Test("the Cephes float sincos is within a few ulps of libm on [0, 2π) and odd in sine")
    func cephesSinCos() {
        var worst: Double = 0
        var x: Float = 0
        while x < CephesFloatMath.twoPi {
            let (s, c) = CephesFloatMath.sincos(x)
            worst = max(worst, abs(Double(s) - sin(Double(x))), abs(Double(c) - cos(Double(x))))
            let negative = CephesFloatMath.sincos(-x)
            #expect(negative.sin == -s && negative.cos == c)
            x += 0.000_37
        }
        #expect(worst < 1e-6)
    }
}

