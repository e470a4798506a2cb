#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TorchGenerator {
    /// `torch.randn` / `Tensor.normal_(mean, std)` on float32 (rng.md §2.3).
    ///
    /// `contiguous` says whether the tensor being filled is contiguous. With `out.count ≥ 16` and a
    /// contiguous tensor this runs PyTorch's vector path (uniform fill, then `BOXMULLER16` blocks
    /// with the float32 polynomial log/sincos; the spare is untouched). Otherwise it runs the scalar
    /// path: double Box–Muller through libm, one value per element, using and refilling the spare.
    public func normal(_ out: UnsafeMutableBufferPointer<Float>, mean: Double, std: Double, contiguous: Bool) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        if count >= 16 && contiguous {
            let m = Float(mean)
            let s = Float(std)
            state.withLock { st in
                for i in 0..<count { base[i] = Self.u24(st.engine.next()) }
                var i = 0
                while i + 16 <= count {
                    Self.boxMuller16(base + i, mean: m, std: s)
                    i += 16
                }
                if count % 16 != 0 {
                    let tail = base + (count - 16)
                    for j in 0..<16 { tail[j] = Self.u24(st.engine.next()) }
                    Self.boxMuller16(tail, mean: m, std: s)
                }
            }
        } else {
            state.withLock { st in
                for i in 0..<count {
                    base[i] = Float(mean.addingProduct(Self.doubleNormal(&st), std))
                }
            }
        }
    }

    /// `torch.randn(dtype=torch.float64)` / `normal_` on float64. Vector path (`count ≥ 16`,
    /// contiguous): `U53` fill, then the 16-wide Box–Muller in double with libm `log`/`cos`/`sin`;
    /// scalar path otherwise, as for float32. Not covered by the reference checks: the float64 vector
    /// path and the fused `· std + mean` follow PyTorch's AVX2 build by analogy with float32.
    public func normal(_ out: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double, contiguous: Bool) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        if count >= 16 && contiguous {
            state.withLock { st in
                for i in 0..<count { base[i] = Self.u53(st.engine.next64()) }
                var i = 0
                while i + 16 <= count {
                    Self.boxMuller16(base + i, mean: mean, std: std)
                    i += 16
                }
                if count % 16 != 0 {
                    let tail = base + (count - 16)
                    for j in 0..<16 { tail[j] = Self.u53(st.engine.next64()) }
                    Self.boxMuller16(tail, mean: mean, std: std)
                }
            }
        } else {
            state.withLock { st in
                for i in 0..<count {
                    base[i] = mean.addingProduct(Self.doubleNormal(&st), std)
                }
            }
        }
    }

    /// One standard normal double from PyTorch's `normal_distribution<double>`: the cached spare if
    /// there is one, else a Box–Muller pair from two `U53`s whose sine half becomes the new spare.
    @inline(__always)
    static func doubleNormal(_ st: inout State) -> Double {
        if let spare = st.nextDoubleNormal {
            st.nextDoubleNormal = nil
            return spare
        }
        let u1 = u53(st.engine.next64())
        let u2 = u53(st.engine.next64())
        let radius = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 6.283185307179586 * u1
        st.nextDoubleNormal = radius * sin(theta)
        return radius * cos(theta)
    }

    /// PyTorch's AVX2 `normal_fill_16` on float32: 8 Box–Muller pairs, cosines to `e[0..<8]`,
    /// sines to `e[8..<16]`, each scaled with a fused `· std + mean`.
    @inline(__always)
    static func boxMuller16(_ e: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - e[j]
            let u2 = e[j + 8]
            let radius = (-2 * CephesFloatMath.log(u1)).squareRoot()
            let theta = CephesFloatMath.twoPi * u2
            let (sine, cosine) = CephesFloatMath.sincos(theta)
            e[j] = mean.addingProduct(radius * cosine, std)
            e[j + 8] = mean.addingProduct(radius * sine, std)
        }
    }

    /// PyTorch's generic `normal_fill_16` on float64, with libm `log`, `cos` and `sin`.
    @inline(__always)
    static func boxMuller16(_ e: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let u1 = 1 - e[j]
            let u2 = e[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let theta = 6.283185307179586 * u2
            e[j] = mean.addingProduct(radius * cos(theta), std)
            e[j + 8] = mean.addingProduct(radius * sin(theta), std)
        }
    }
}
