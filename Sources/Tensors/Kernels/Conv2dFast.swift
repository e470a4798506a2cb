import CKernels

/// float32 convolution drivers on `FastGEMM`, and the entry points `NN.conv2d` calls.
///
/// Work is cut into items of (sample, band of output rows). Each item unfolds its band into a
/// per-thread column buffer of at most `Conv2dFast.columnBudget` floats (so it stays in cache while
/// the GEMM packs it) and runs a single-threaded GEMM; items are spread over `KernelThreads.count`
/// workers when the whole convolution is worth it (CNB_THREADS overrides the worker count).
/// Other dtypes run the plain drivers.

/// out[n, o] = bias[o] + Σ weight[o] ⋆ input[n] (float32: banded and multi-threaded).
func conv2dForward<T: FloatElement>(
    _ geo: Conv2dGeometry, input: UnsafePointer<T>, weight: UnsafePointer<T>, bias: UnsafePointer<T>?,
    out: UnsafeMutablePointer<T>, col: UnsafeMutablePointer<T>?
) {
    if T.self == Float.self {
        if Conv2dDirect.applies(geo) {
            Conv2dDirect.forward(geo, input: Conv2dFast.float(input), weight: Conv2dFast.float(weight),
                                 bias: bias.map { Conv2dFast.float($0) }, out: Conv2dFast.float(out))
            return
        }
        Conv2dFast.forward(geo, input: Conv2dFast.float(input), weight: Conv2dFast.float(weight),
                           bias: bias.map { Conv2dFast.float($0) }, out: Conv2dFast.float(out))
        return
    }
    conv2dForwardPlain(geo, input: input, weight: weight, bias: bias, out: out, col: col)
}

/// gradIn[n] = Σ_o weight[o]ᵀ ⋆ gradOut[n, o] (float32: banded and multi-threaded).
func conv2dBackwardInput<T: FloatElement>(
    _ geo: Conv2dGeometry, gradOut: UnsafePointer<T>, weight: UnsafePointer<T>, gradIn: UnsafeMutablePointer<T>,
    col: UnsafeMutablePointer<T>?
) {
    if T.self == Float.self {
        if Conv2dDirect.applies(geo) {
            Conv2dDirect.backwardInput(geo, gradOut: Conv2dFast.float(gradOut), weight: Conv2dFast.float(weight),
                                       gradIn: Conv2dFast.float(gradIn))
            return
        }
        Conv2dFast.backwardInput(geo, gradOut: Conv2dFast.float(gradOut), weight: Conv2dFast.float(weight),
                                 gradIn: Conv2dFast.float(gradIn))
        return
    }
    conv2dBackwardInputPlain(geo, gradOut: gradOut, weight: weight, gradIn: gradIn, col: col)
}

/// gradWeight[o] = Σ_n gradOut[n, o] · im2col(input[n])ᵀ (float32: banded and multi-threaded).
func conv2dBackwardWeight<T: FloatElement>(
    _ geo: Conv2dGeometry, gradOut: UnsafePointer<T>, input: UnsafePointer<T>, gradWeight: UnsafeMutablePointer<T>,
    col: UnsafeMutablePointer<T>?
) {
    if T.self == Float.self {
        if Conv2dDirect.applies(geo) {
            Conv2dDirect.backwardWeight(geo, gradOut: Conv2dFast.float(gradOut), input: Conv2dFast.float(input),
                                        gradWeight: Conv2dFast.float(gradWeight))
            return
        }
        Conv2dFast.backwardWeight(geo, gradOut: Conv2dFast.float(gradOut), input: Conv2dFast.float(input),
                                  gradWeight: Conv2dFast.float(gradWeight))
        return
    }
    conv2dBackwardWeightPlain(geo, gradOut: gradOut, input: input, gradWeight: gradWeight, col: col)
}

enum Conv2dFast {
    /// Floats in one band's column buffer (512 KiB, half of this machine's L2; the per-thread
    /// buffer is kept between calls, so this is also what a worker retains).
    static let columnBudget = 1 << 17

    /// The calling worker's column buffer of `count` floats (kept between calls), or a fresh
    /// allocation the caller frees (`owned`) if the kept one cannot grow.
    static func columnBuffer(_ count: Int) -> (pointer: UnsafeMutablePointer<Float>, owned: Bool) {
        if let p = ck_thread_scratch(count) { return (p, false) }
        return (.allocate(capacity: count), true)
    }

    @inline(__always)
    static func float<T>(_ p: UnsafePointer<T>) -> UnsafePointer<Float> {
        UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    @inline(__always)
    static func float<T>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    /// How a convolution is cut: `bands` bands of `rowsPerBand` output rows per sample, and the
    /// (sample, band) items spread over `parts` workers.
    struct Plan {
        var rowsPerBand: Int
        var bands: Int
        var items: Int
        var parts: Int

        init(_ geo: Conv2dGeometry, threads: Int = KernelThreads.count) {
            let rowFloats = Swift.max(1, geo.colRows &* geo.outW)
            var rows = Swift.max(1, Swift.min(geo.outH, Conv2dFast.columnBudget / rowFloats))
            let flops = 2.0 * Double(geo.batch) * Double(geo.outChannels) * Double(geo.outPlane) * Double(geo.colRows)
            var parts = threads > 1 && flops >= Double(KernelThreads.minParallelFlops) ? threads : 1
            if parts > 1 && geo.batch < 2 * parts {
                // Few samples: cut each into enough bands to give every worker about two items.
                let bandsWanted = (2 * parts + geo.batch - 1) / Swift.max(1, geo.batch)
                rows = Swift.max(1, Swift.min(rows, (geo.outH + bandsWanted - 1) / bandsWanted))
            }
            rowsPerBand = rows
            bands = geo.outH == 0 ? 0 : (geo.outH + rows - 1) / rows
            items = geo.batch * bands
            parts = Swift.min(parts, Swift.max(1, items))
            self.parts = parts
        }
    }

    static func forward(
        _ geo: Conv2dGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        out: UnsafeMutablePointer<Float>
    ) {
        let plan = Plan(geo)
        if plan.items == 0 { return }
        let l = geo.outPlane
        let rows = geo.colRows
        let og = geo.groupOut
        KernelThreads.run(plan.parts) { t in
            let scratch = geo.isPointwise ? nil : columnBuffer(rows * plan.rowsPerBand * geo.outW)
            let buffer = scratch?.pointer
            defer { if let scratch, scratch.owned { scratch.pointer.deallocate() } }
            for item in KernelThreads.slice(t, of: plan.parts, total: plan.items) {
                let n = item / plan.bands
                let oy0 = (item % plan.bands) * plan.rowsPerBand
                let oy1 = Swift.min(geo.outH, oy0 + plan.rowsPerBand)
                let cols = (oy1 - oy0) * geo.outW
                for g in 0..<geo.groups {
                    let src = input + (n * geo.inChannels + g * geo.groupIn) * geo.inPlane
                    let b: UnsafePointer<Float>
                    let bRowStride: Int
                    if let buffer {
                        im2colBand(geo, src: src, channels: geo.groupIn, col: buffer, oy0: oy0, oy1: oy1)
                        b = UnsafePointer(buffer)
                        bRowStride = cols
                    } else {
                        b = src + oy0 * geo.outW
                        bRowStride = geo.inPlane
                    }
                    FastGEMM.sgemm(m: og, n: cols, k: rows, a: weight + g * og * rows, aRowStride: rows, aColStride: 1,
                                   b: b, bRowStride: bRowStride, bColStride: 1,
                                   c: out + (n * geo.outChannels + g * og) * l + oy0 * geo.outW, ldc: l,
                                   accumulate: false, threads: 1)
                }
                if let bias {
                    for o in 0..<geo.outChannels {
                        let p = out + (n * geo.outChannels + o) * l + oy0 * geo.outW
                        let v = bias[o]
                        for i in 0..<cols { p[i] += v }
                    }
                }
            }
        }
    }

    /// Items are (sample, channel range); with one group and fewer samples than workers the input
    /// channels are split, so every item folds into its own planes.
    static func backwardInput(
        _ geo: Conv2dGeometry, gradOut: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        gradIn: UnsafeMutablePointer<Float>
    ) {
        let plan = Plan(geo)
        let l = geo.outPlane
        let rows = geo.colRows
        let og = geo.groupOut
        let kk = geo.kernelH * geo.kernelW
        if !geo.isPointwise || plan.items == 0 {
            gradIn.update(repeating: 0, count: geo.batch * geo.inChannels * geo.inPlane)
        }
        if plan.items == 0 { return }
        let chunks = plan.parts > 1 && geo.batch < plan.parts && geo.groups == 1
            ? Swift.min(plan.parts, geo.groupIn) : 1
        let items = geo.batch * chunks
        let parts = Swift.min(plan.parts, items)
        KernelThreads.run(parts) { t in
            let scratch = geo.isPointwise ? nil : columnBuffer(rows * plan.rowsPerBand * geo.outW)
            let buffer = scratch?.pointer
            defer { if let scratch, scratch.owned { scratch.pointer.deallocate() } }
            for item in KernelThreads.slice(t, of: parts, total: items) {
                let n = item / chunks
                let cr = KernelThreads.slice(item % chunks, of: chunks, total: geo.groupIn)
                if cr.isEmpty { continue }
                for g in 0..<geo.groups {
                    let dst = gradIn + (n * geo.inChannels + g * geo.groupIn + cr.lowerBound) * geo.inPlane
                    let a = weight + g * og * rows + cr.lowerBound * kk
                    for band in 0..<plan.bands {
                        let oy0 = band * plan.rowsPerBand
                        let oy1 = Swift.min(geo.outH, oy0 + plan.rowsPerBand)
                        let cols = (oy1 - oy0) * geo.outW
                        let b = gradOut + (n * geo.outChannels + g * og) * l + oy0 * geo.outW
                        if let buffer {
                            FastGEMM.sgemm(m: cr.count * kk, n: cols, k: og, a: a, aRowStride: 1, aColStride: rows,
                                           b: b, bRowStride: l, bColStride: 1, c: buffer, ldc: cols,
                                           accumulate: false, threads: 1)
                            col2imAddBand(geo, col: UnsafePointer(buffer), channels: cr.count, dst: dst,
                                          oy0: oy0, oy1: oy1)
                        } else {
                            FastGEMM.sgemm(m: cr.count, n: cols, k: og, a: a, aRowStride: 1, aColStride: rows,
                                           b: b, bRowStride: l, bColStride: 1, c: dst + oy0 * geo.outW,
                                           ldc: geo.inPlane, accumulate: false, threads: 1)
                        }
                    }
                }
            }
        }
    }

    /// Each worker sums its items into its own copy of the gradient; the copies are added at the end.
    static func backwardWeight(
        _ geo: Conv2dGeometry, gradOut: UnsafePointer<Float>, input: UnsafePointer<Float>,
        gradWeight: UnsafeMutablePointer<Float>
    ) {
        let plan = Plan(geo)
        let l = geo.outPlane
        let rows = geo.colRows
        let og = geo.groupOut
        let count = geo.outChannels * rows
        gradWeight.update(repeating: 0, count: count)
        if plan.items == 0 { return }
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(0, plan.parts - 1) * count + 1)
        defer { partials.deallocate() }
        KernelThreads.run(plan.parts) { t in
            let acc = t == 0 ? gradWeight : partials + (t - 1) * count
            if t > 0 { acc.update(repeating: 0, count: count) }
            let scratch = geo.isPointwise ? nil : columnBuffer(rows * plan.rowsPerBand * geo.outW)
            let buffer = scratch?.pointer
            defer { if let scratch, scratch.owned { scratch.pointer.deallocate() } }
            for item in KernelThreads.slice(t, of: plan.parts, total: plan.items) {
                let n = item / plan.bands
                let oy0 = (item % plan.bands) * plan.rowsPerBand
                let oy1 = Swift.min(geo.outH, oy0 + plan.rowsPerBand)
                let cols = (oy1 - oy0) * geo.outW
                for g in 0..<geo.groups {
                    let src = input + (n * geo.inChannels + g * geo.groupIn) * geo.inPlane
                    // B(p, j) = column j of the band's unfolded input at pixel p: a transposed operand.
                    let b: UnsafePointer<Float>
                    let bColStride: Int
                    if let buffer {
                        im2colBand(geo, src: src, channels: geo.groupIn, col: buffer, oy0: oy0, oy1: oy1)
                        b = UnsafePointer(buffer)
                        bColStride = cols
                    } else {
                        b = src + oy0 * geo.outW
                        bColStride = geo.inPlane
                    }
                    FastGEMM.sgemm(m: og, n: rows, k: cols,
                                   a: gradOut + (n * geo.outChannels + g * og) * l + oy0 * geo.outW,
                                   aRowStride: l, aColStride: 1, b: b, bRowStride: 1, bColStride: bColStride,
                                   c: acc + g * og * rows, ldc: rows, accumulate: true, threads: 1)
                }
            }
        }
        for t in 1..<Swift.max(1, plan.parts) {
            let p = partials + (t - 1) * count
            for i in 0..<count { gradWeight[i] += p[i] }
        }
    }

    /// Unfolds output rows [oy0, oy1) of `channels` planes at `src` into `col`, a row-major
    /// [channels·kH·kW, (oy1 - oy0)·outW] matrix; padding reads as zero.
    static func im2colBand(
        _ geo: Conv2dGeometry, src: UnsafePointer<Float>, channels: Int, col: UnsafeMutablePointer<Float>,
        oy0: Int, oy1: Int
    ) {
        let ow = geo.outW
        let cols = (oy1 - oy0) * ow
        var row = col
        for c in 0..<channels {
            let plane = src + c * geo.inPlane
            for ki in 0..<geo.kernelH {
                for kj in 0..<geo.kernelW {
                    let ix0 = kj * geo.dilationW - geo.padLeft
                    let (lo, hi) = geo.validColumns(ix0)
                    for oy in oy0..<oy1 {
                        let dst = row + (oy - oy0) * ow
                        let iy = oy * geo.strideH - geo.padTop + ki * geo.dilationH
                        if iy < 0 || iy >= geo.height {
                            dst.update(repeating: 0, count: ow)
                            continue
                        }
                        let srcRow = plane + iy * geo.width + ix0
                        if lo > 0 { dst.update(repeating: 0, count: lo) }
                        if geo.strideW == 1 {
                            if hi > lo { (dst + lo).update(from: srcRow + lo, count: hi - lo) }
                        } else {
                            let s = geo.strideW
                            for ox in lo..<hi { dst[ox] = srcRow[ox * s] }
                        }
                        if hi < ow { (dst + hi).update(repeating: 0, count: ow - hi) }
                    }
                    row += cols
                }
            }
        }
    }

    /// Adds a band's column matrix (as `im2colBand` lays it out) back onto the planes at `dst`.
    static func col2imAddBand(
        _ geo: Conv2dGeometry, col: UnsafePointer<Float>, channels: Int, dst: UnsafeMutablePointer<Float>,
        oy0: Int, oy1: Int
    ) {
        let ow = geo.outW
        let cols = (oy1 - oy0) * ow
        var row = col
        for c in 0..<channels {
            let plane = dst + c * geo.inPlane
            for ki in 0..<geo.kernelH {
                for kj in 0..<geo.kernelW {
                    let ix0 = kj * geo.dilationW - geo.padLeft
                    let (lo, hi) = geo.validColumns(ix0)
                    for oy in oy0..<oy1 {
                        let iy = oy * geo.strideH - geo.padTop + ki * geo.dilationH
                        if iy < 0 || iy >= geo.height { continue }
                        let s = row + (oy - oy0) * ow
                        let d = plane + iy * geo.width + ix0
                        if geo.strideW == 1 {
                            for ox in lo..<hi { d[ox] += s[ox] }
                        } else {
                            let st = geo.strideW
                            for ox in lo..<hi { d[ox * st] += s[ox] }
                        }
                    }
                    row += cols
                }
            }
        }
    }
}
