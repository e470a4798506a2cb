/// The float32 polynomial `log` and `sincos` ("avx_mathfun", Cephes-style) that PyTorch's x86 AVX2
/// normal kernel evaluates, with exactly the operations that binary fuses (rng.md §2.3.2).
///
/// Contract: every `addingProduct` below is a fused multiply-add in the reference binary and every
/// plain `*` / `+` / `-` is a separately rounded float op. Changing either breaks bit-exactness.
enum CephesFloatMath {
    static let sqrtHalf = Float(bitPattern: 0x3F35_04F3)
    static let p0 = Float(bitPattern: 0x3D90_21BB)
    static let p1 = Float(bitPattern: 0xBDEB_D1B8)
    static let p2 = Float(bitPattern: 0x3DEF_251A)
    static let p3 = Float(bitPattern: 0xBDFE_5D4F)
    static let p4 = Float(bitPattern: 0x3E11_E9BF)
    static let p5 = Float(bitPattern: 0xBE2A_AE50)
    static let p6 = Float(bitPattern: 0x3E4C_CEAC)
    static let p7 = Float(bitPattern: 0xBE7F_FFFC)
    static let p8 = Float(bitPattern: 0x3EAA_AAAA)
    static let q1 = Float(bitPattern: 0xB95E_8083)
    static let q2 = Float(bitPattern: 0x3F31_8000)
    static let fourOverPi = Float(bitPattern: 0x3FA2_F983)
    static let dp1 = Float(bitPattern: 0xBF49_0000)
    static let dp2 = Float(bitPattern: 0xB97D_A000)
    static let dp3 = Float(bitPattern: 0xB322_2169)
    static let c0 = Float(bitPattern: 0x37CC_F5CE)
    static let c1 = Float(bitPattern: 0xBAB6_061A)
    static let c2 = Float(bitPattern: 0x3D2A_AAA5)
    static let s0 = Float(bitPattern: 0xB94C_A1F9)
    static let s1 = Float(bitPattern: 0x3C08_839E)
    static let s2 = Float(bitPattern: 0xBE2A_AAA3)
    /// f32(2π), `0x40C90FDB`.
    static let twoPi = Float(bitPattern: 0x40C9_0FDB)
    /// Smallest positive normal float, 2^-126.
    static let minNormal = Float(bitPattern: 0x0080_0000)

    /// Natural log for `x > 0` (the normal kernel only passes `x ∈ [2^-24, 1]`).
    @inline(__always)
    static func log(_ input: Float) -> Float {
        let x = input < minNormal ? minNormal : input
        let bits = x.bitPattern
        let exponent = Int32(bitPattern: bits >> 23) &- 127
        let m = Float(bitPattern: (bits & 0x807F_FFFF) | 0x3F00_0000)
        var e = Float(exponent) + 1
        let t: Float
        if m < sqrtHalf {
            e = e - 1
            t = (m - 1) + m
        } else {
            t = m - 1
        }
        let z = t * t
        var y = p0
        y = p1.addingProduct(y, t)
        y = p2.addingProduct(y, t)
        y = p3.addingProduct(y, t)
        y = p4.addingProduct(y, t)
        y = p5.addingProduct(y, t)
        y = p6.addingProduct(y, t)
        y = p7.addingProduct(y, t)
        y = p8.addingProduct(y, t)
        y = y * t
        y = (e * q1).addingProduct(y, z)
        y = y - z * 0.5
        var r = t + y
        r = r.addingProduct(e, q2)
        return r
    }

    /// `(sin x, cos x)` for finite `x` (the normal kernel only passes `x ∈ [0, 2π)`).
    @inline(__always)
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        let negative = input.sign == .minus
        let x = negative ? -input : input
        let scaled = x * fourOverPi
        // Truncate toward zero, then round up to even. `scaled` is small here (< 8 for x < 2π);
        // the clamp only keeps the conversion total for arguments the kernel never passes.
        let truncated = scaled < 1e9 ? Int32(scaled) : 1_000_000_000
        let j = (truncated &+ 1) & ~1
        let yj = Float(j)
        var r = x.addingProduct(yj, dp1)
        r = r.addingProduct(yj, dp2)
        r = r.addingProduct(yj, dp3)
        let z = r * r

        var c = c1.addingProduct(c0, z)
        c = c2.addingProduct(c, z)
        c = c * z
        c = (-(z * 0.5)).addingProduct(c, z)
        c = c + 1

        var p = s1.addingProduct(s0, z)
        p = s2.addingProduct(p, z)
        p = p * z
        p = r.addingProduct(p, r)

        var sine: Float
        var cosine: Float
        if j & 2 == 0 {
            sine = p
            cosine = c
        } else {
            sine = c
            cosine = p
        }
        if (j & 4 != 0) != negative { sine = -sine }
        if (j &- 2) & 4 == 0 { cosine = -cosine }
        return (sine, cosine)
    }
}
