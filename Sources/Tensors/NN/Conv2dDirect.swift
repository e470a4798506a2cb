/// Direct float32 loops for tiny convolutions (the book's 1×2 edge kernel on a 6×8 image): below
/// `Conv2dDirect.maxMACs` multiply-adds, packing operands for the GEMM micro-kernels, planning
/// bands and asking for thread scratch cost more than the arithmetic.
///
/// Each output is computed with exactly the operations `Conv2dFast` performs for it (on CPUs where
/// the GEMM kernels fuse multiply-adds, as the AVX2 and AVX-512 ones do): a fused multiply-add
/// chain from zero over the GEMM's depth in its order, in blocks of `Conv2dDirect.depthBlock` that
/// are added to the destination in turn, so both paths give the same bits (tests compare them).
enum Conv2dDirect {
    /// Convolutions up to this many multiply-adds (per pass) take the direct loops.
    static let maxMACs = 16_384

    /// The GEMM's k block (KC in CKernels/sgemm.c): partial sums are added block by block.
    static let depthBlock = 256

    /// Whether `geo` is small enough for the direct loops (and has one group, no dilation).
    static func applies(_ geo: Conv2dGeometry) -> Bool {
        if geo.groups != 1 || geo.dilationH != 1 || geo.dilationW != 1 { return false }
        let (a, o1) = geo.batch.multipliedReportingOverflow(by: geo.outChannels)
        let (b, o2) = a.multipliedReportingOverflow(by: geo.outPlane)
        let (c, o3) = b.multipliedReportingOverflow(by: geo.colRows)
        return !(o1 || o2 || o3) && c <= maxMACs
    }

    /// The input element read by column pixel (oy, ox) at kernel tap (c, ki, kj), or 0 in padding.
    @inline(__always)
    static func tap(_ geo: Conv2dGeometry, _ plane: UnsafePointer<Float>, _ ki: Int, _ kj: Int, _ oy: Int,
                    _ ox: Int) -> Float {
        let iy = oy &* geo.strideH &- geo.padTop &+ ki
        let ix = ox &* geo.strideW &- geo.padLeft &+ kj
        if iy < 0 || iy >= geo.height || ix < 0 || ix >= geo.width { return 0 }
        return plane[iy &* geo.width &+ ix]
    }

    /// out[n, o] = Σ weight[o] ⋆ input[n] (+ bias[o]), as `Conv2dFast.forward`.
    static func forward(_ geo: Conv2dGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                        bias: UnsafePointer<Float>?, out: UnsafeMutablePointer<Float>) {
        let rows = geo.colRows
        let kk = geo.kernelH * geo.kernelW
        for n in 0..<geo.batch {
            let src = input + n * geo.inChannels * geo.inPlane
            for o in 0..<geo.outChannels {
                let w = weight + o * rows
                let dst = out + (n * geo.outChannels + o) * geo.outPlane
                for oy in 0..<geo.outH {
                    for ox in 0..<geo.outW {
                        var total: Float = 0
                        var p0 = 0
                        while p0 < rows {
                            let p1 = Swift.min(rows, p0 + depthBlock)
                            var s: Float = 0
                            for p in p0..<p1 {
                                let c = p / kk
                                let r = p - c * kk
                                let x = tap(geo, src + c * geo.inPlane, r / geo.kernelW, r % geo.kernelW, oy, ox)
                                s = s.addingProduct(w[p], x)
                            }
                            total = p0 == 0 ? s : total + s
                            p0 = p1
                        }
                        dst[oy * geo.outW + ox] = total
                    }
                }
                if let bias {
                    let v = bias[o]
                    for i in 0..<geo.outPlane { dst[i] += v }
                }
            }
        }
    }

    /// gradIn[n] = Σ_o weight[o]ᵀ ⋆ gradOut[n, o], as `Conv2dFast.backwardInput`: per column entry
    /// (c, ki, kj, oy, ox) the sum over output channels, added onto the zeroed input gradient in
    /// col2im order.
    static func backwardInput(_ geo: Conv2dGeometry, gradOut: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                              gradIn: UnsafeMutablePointer<Float>) {
        let rows = geo.colRows
        let kk = geo.kernelH * geo.kernelW
        let og = geo.outChannels
        gradIn.update(repeating: 0, count: geo.batch * geo.inChannels * geo.inPlane)
        for n in 0..<geo.batch {
            let g = gradOut + n * og * geo.outPlane
            for c in 0..<geo.inChannels {
                let plane = gradIn + (n * geo.inChannels + c) * geo.inPlane
                for ki in 0..<geo.kernelH {
                    for kj in 0..<geo.kernelW {
                        let p = c * kk + ki * geo.kernelW + kj
                        for oy in 0..<geo.outH {
                            let iy = oy * geo.strideH - geo.padTop + ki
                            if iy < 0 || iy >= geo.height { continue }
                            for ox in 0..<geo.outW {
                                let ix = ox * geo.strideW - geo.padLeft + kj
                                if ix < 0 || ix >= geo.width { continue }
                                let pixel = oy * geo.outW + ox
                                var total: Float = 0
                                var o0 = 0
                                while o0 < og {
                                    let o1 = Swift.min(og, o0 + depthBlock)
                                    var s: Float = 0
                                    for o in o0..<o1 {
                                        s = s.addingProduct(weight[o * rows + p], g[o * geo.outPlane + pixel])
                                    }
                                    total = o0 == 0 ? s : total + s
                                    o0 = o1
                                }
                                plane[iy * geo.width + ix] += total
                            }
                        }
                    }
                }
            }
        }
    }

    /// gradWeight[o] = Σ_n gradOut[n, o] · im2col(input[n])ᵀ, as `Conv2dFast.backwardWeight` with
    /// one band per sample: each sample's sum (over its output pixels) added in turn.
    static func backwardWeight(_ geo: Conv2dGeometry, gradOut: UnsafePointer<Float>, input: UnsafePointer<Float>,
                               gradWeight: UnsafeMutablePointer<Float>) {
        let rows = geo.colRows
        let kk = geo.kernelH * geo.kernelW
        let l = geo.outPlane
        gradWeight.update(repeating: 0, count: geo.outChannels * rows)
        for n in 0..<geo.batch {
            let src = input + n * geo.inChannels * geo.inPlane
            for o in 0..<geo.outChannels {
                let g = gradOut + (n * geo.outChannels + o) * l
                for p in 0..<rows {
                    let c = p / kk
                    let r = p - c * kk
                    let plane = src + c * geo.inPlane
                    var q0 = 0
                    var acc = gradWeight[o * rows + p]
                    while q0 < l {
                        let q1 = Swift.min(l, q0 + depthBlock)
                        var s: Float = 0
                        for q in q0..<q1 {
                            let oy = q / geo.outW
                            let ox = q - oy * geo.outW
                            s = s.addingProduct(g[q], tap(geo, plane, r / geo.kernelW, r % geo.kernelW, oy, ox))
                        }
                        acc += s
                        q0 = q1
                    }
                    gradWeight[o * rows + p] = acc
                }
            }
        }
    }
}
