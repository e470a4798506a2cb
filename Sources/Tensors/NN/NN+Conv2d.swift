/// `F.conv2d`: im2col + GEMM per (sample, group), with gradients for input, weight and bias.
extension NN {
    /// `torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)`.
    ///
    /// `input` is N×C×H×W, or C×H×W (unbatched: computed as a batch of one, then squeezed, as PyTorch
    /// does). `weight` is O×(C/groups)×kH×kW, `bias` has O elements. float32 and float64; the result
    /// records `ConvolutionBackward0` with gradients for whichever of input, weight, bias require grad.
    public static func conv2d(
        _ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
        padding: Padding = .explicit(0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) throws -> Tensor {
        if let bias, bias.dtype != input.dtype {
            throw TensorError.runtime(
                "Input type (\(input.dtype.cTypeName)) and bias type (\(bias.dtype.cTypeName)) should be the same")
        }
        if input.rank != 3 && input.rank != 4 {
            throw TensorError.runtime(
                "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: \(shapeString(input.shape))")
        }
        if input.rank == 3 {
            let batched = try input.unsqueeze(0)
            return try conv2d(batched, weight: weight, bias: bias, stride: stride, padding: padding,
                              dilation: dilation, groups: groups).squeeze(0)
        }
        if weight.rank < 3 { throw TensorError.runtime("weight should have at least three dimensions") }
        if groups <= 0 { throw TensorError.runtime("non-positive groups is not supported") }
        if weight.rank != 4 {
            throw TensorError.runtime(
                "expected stride to be a single integer value or a list of \(weight.rank - 2) values to match the "
                    + "convolution dimensions, but got stride=[\(stride.0), \(stride.1)]")
        }
        // Padding as (top, bottom, left, right).
        var pads = (0, 0, 0, 0)
        switch padding {
        case .explicit(let ph, let pw):
            pads = (ph, ph, pw, pw)
        case .valid:
            break
        case .same:
            if stride.0 != 1 || stride.1 != 1 {
                throw TensorError.runtime("padding='same' is not supported for strided convolutions")
            }
            // PyTorch puts the odd leftover of the total padding on the bottom / right.
            let th = dilation.0 &* (weight.shape[2] &- 1)
            let tw = dilation.1 &* (weight.shape[3] &- 1)
            pads = (th / 2, th - th / 2, tw / 2, tw - tw / 2)
        }
        if pads.0 < 0 || pads.1 < 0 || pads.2 < 0 || pads.3 < 0 {
            throw TensorError.runtime("negative padding is not supported")
        }
        if stride.0 <= 0 || stride.1 <= 0 { throw TensorError.runtime("non-positive stride is not supported") }
        if dilation.0 <= 0 || dilation.1 <= 0 { throw TensorError.runtime("dilation should be greater than zero") }
        let ws = weight.shape
        if ws[0] < groups {
            throw TensorError.runtime(
                "Given groups=\(groups), expected weight to be at least \(groups) at dimension 0, but got weight of "
                    + "size \(shapeString(ws)) instead")
        }
        if ws[0] % groups != 0 {
            throw TensorError.runtime(
                "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight "
                    + "of size [\(shapeString(ws))] instead")
        }
        let (expectedC, o1) = ws[1].multipliedReportingOverflow(by: groups)
        if o1 || input.shape[1] != expectedC {
            throw TensorError.runtime(
                "Given groups=\(groups), weight of size \(shapeString(ws)), expected input\(shapeString(input.shape)) "
                    + "to have \(expectedC) channels, but got \(input.shape[1]) channels instead")
        }
        if let bias, bias.rank != 1 || bias.shape[0] != ws[0] {
            throw TensorError.runtime(
                "Given weight of size \(shapeString(ws)), expected bias to be 1-dimensional with \(ws[0]) elements, "
                    + "but got bias of size \(shapeString(bias.shape)) instead")
        }
        // Padded input vs dilated kernel extent, per spatial dim (checked with overflow-safe arithmetic).
        let paddedH = input.shape[2] &+ pads.0 &+ pads.1
        let paddedW = input.shape[3] &+ pads.2 &+ pads.3
        let extentH = dilation.0.multipliedReportingOverflow(by: ws[2] &- 1)
        let extentW = dilation.1.multipliedReportingOverflow(by: ws[3] &- 1)
        if extentH.overflow || extentW.overflow {
            throw TensorError.runtime("dilation is too large for the kernel size")
        }
        let kernelH = extentH.partialValue &+ 1
        let kernelW = extentW.partialValue &+ 1
        if paddedH < kernelH || paddedW < kernelW {
            // PyTorch reports symmetric padding (2 * padding) here; 'same' never gets this far.
            throw TensorError.runtime(
                "Calculated padded input size per channel: (\(paddedH) x \(paddedW)). Kernel size: (\(kernelH) x "
                    + "\(kernelW)). Kernel size can't be greater than actual input size")
        }
        if input.dtype != weight.dtype {
            throw TensorError.runtime(
                "Input type (\(input.dtype.legacyTypeName)) and weight type (\(weight.dtype.legacyTypeName)) should be the same")
        }
        if !input.dtype.isFloatingPoint { throw notImplemented("slow_conv2d_cpu", input.dtype) }

        let geo = Conv2dGeometry(
            batch: input.shape[0], inChannels: input.shape[1], height: input.shape[2], width: input.shape[3],
            outChannels: ws[0], kernelH: ws[2], kernelW: ws[3], groups: groups,
            strideH: stride.0, strideW: stride.1, padTop: pads.0, padLeft: pads.2,
            dilationH: dilation.0, dilationW: dilation.1,
            outH: (paddedH - kernelH) / stride.0 + 1, outW: (paddedW - kernelW) / stride.1 + 1)
        let x = try input.contiguousRaw()
        let w = try weight.contiguousRaw()
        let b = try bias?.contiguousRaw()
        let out = try Tensor(allocating: [geo.batch, geo.outChannels, geo.outH, geo.outW], dtype: input.dtype)
        let col = try geo.columnScratch(input.dtype)
        func forward<T: FloatElement>(_: T.Type) {
            conv2dForward(geo, input: x.pointer(T.self), weight: w.pointer(T.self), bias: b?.pointer(T.self),
                          out: out.pointer(T.self), col: col?.pointer(T.self))
        }
        if input.dtype == .float32 { forward(Float.self) } else { forward(Double.self) }

        if GradMode.isEnabled && (input.requiresGrad || weight.requiresGrad || bias?.requiresGrad == true) {
            let savedInput = SavedTensor(input)
            let savedWeight = SavedTensor(weight)
            let dtype = input.dtype
            record(out, "ConvolutionBackward0", [input, weight, bias], saves: true) { g, needs in
                let gc = try g.contiguousRaw()
                let col = try geo.columnScratch(dtype)
                var gx: Tensor? = nil
                var gw: Tensor? = nil
                var gb: Tensor? = nil
                if needs[0] {
                    let wt = try savedWeight.unpack().contiguousRaw()
                    let r = try Tensor(allocating: [geo.batch, geo.inChannels, geo.height, geo.width], dtype: dtype)
                    func run<T: FloatElement>(_: T.Type) {
                        conv2dBackwardInput(geo, gradOut: gc.pointer(T.self), weight: wt.pointer(T.self),
                                            gradIn: r.pointer(T.self), col: col?.pointer(T.self))
                    }
                    if dtype == .float32 { run(Float.self) } else { run(Double.self) }
                    gx = r
                }
                if needs[1] {
                    let xt = try savedInput.unpack().contiguousRaw()
                    let r = try Tensor(allocating: [geo.outChannels, geo.groupIn, geo.kernelH, geo.kernelW], dtype: dtype)
                    func run<T: FloatElement>(_: T.Type) {
                        conv2dBackwardWeight(geo, gradOut: gc.pointer(T.self), input: xt.pointer(T.self),
                                             gradWeight: r.pointer(T.self), col: col?.pointer(T.self))
                    }
                    if dtype == .float32 { run(Float.self) } else { run(Double.self) }
                    gw = r
                }
                if needs.count > 2 && needs[2] {
                    let r = try Tensor(allocating: [geo.outChannels], dtype: dtype)
                    func run<T: FloatElement>(_: T.Type) {
                        conv2dBackwardBias(geo, gradOut: gc.pointer(T.self), gradBias: r.pointer(T.self))
                    }
                    if dtype == .float32 { run(Float.self) } else { run(Double.self) }
                    gb = r
                }
                return [gx, gw, gb]
            }
        }
        return out
    }
}

// MARK: kernels

/// The geometry of one batched 2-D convolution (NCHW input, OIHW weight), validated by the caller.
struct Conv2dGeometry {
    var batch: Int
    var inChannels: Int
    var height: Int
    var width: Int
    var outChannels: Int
    var kernelH: Int
    var kernelW: Int
    var groups: Int
    var strideH: Int
    var strideW: Int
    /// Zeros before the first row / column; the trailing padding is implied by `outH` / `outW`.
    var padTop: Int
    var padLeft: Int
    var dilationH: Int
    var dilationW: Int
    var outH: Int
    var outW: Int

    var groupIn: Int { inChannels / groups }
    var groupOut: Int { outChannels / groups }
    /// Rows of the column matrix of one group: one per (channel, kernel row, kernel column).
    var colRows: Int { groupIn * kernelH * kernelW }
    var outPlane: Int { outH * outW }
    var inPlane: Int { height * width }
    /// A 1×1 kernel with unit stride and no padding: the input planes already are the column matrix.
    var isPointwise: Bool {
        kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0
            && outH == height && outW == width
    }

    /// The im2col buffer of one (sample, group) for the plain (float64) drivers, or nil for
    /// pointwise kernels and for float32, whose drivers keep their own per-thread buffers
    /// (allocation is checked against the tensor memory limit, so a huge unfold throws instead
    /// of trapping).
    func columnScratch(_ dtype: DType) throws -> Tensor? {
        isPointwise || dtype == .float32 ? nil : try Tensor(allocating: [colRows, outPlane], dtype: dtype)
    }

    /// The output columns `ox` whose input column `ix0 + ox * strideW` lies inside the row.
    @inline(__always)
    func validColumns(_ ix0: Int) -> (lo: Int, hi: Int) {
        let lo = ix0 >= 0 ? 0 : (-ix0 + strideW - 1) / strideW
        let last = width - 1 - ix0
        let hi = last < 0 ? 0 : Swift.min(outW, last / strideW + 1)
        return (Swift.min(lo, hi), hi)
    }
}

/// The matrix product every convolution pass goes through: C[m×n] = A[m×k] · B[k×n] with strided A
/// and B and a row-major C. One place to swap in a faster micro-kernel.
@inline(__always)
func convGEMM<T: FloatElement>(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<T>, bRowStride: Int, bColStride: Int,
    c: UnsafeMutablePointer<T>
) {
    gemm(m: m, n: n, k: k, a: a, aRowStride: aRowStride, aColStride: aColStride,
         b: b, bRowStride: bRowStride, bColStride: bColStride, c: c)
}

/// C[m×n] = A[m×k] · B[n×k]ᵀ (or C += … when `accumulate`) for row-major A and B with leading
/// dimensions `lda` / `ldb`: each entry is one contiguous dot product. The weight-gradient GEMM.
func convGEMMTransposedB<T: FloatElement>(
    m: Int, n: Int, k: Int, a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
    c: UnsafeMutablePointer<T>, accumulate: Bool
) {
    for i in 0..<m {
        for j in 0..<n {
            let d = convDot(a + i * lda, b + j * ldb, k)
            c[i * n + j] = accumulate ? c[i * n + j] + d : d
        }
    }
}

/// Σ x[i] y[i] with SIMD accumulators (one dtype switch, resolved at specialisation).
@inline(__always)
func convDot<T: FloatElement>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
    if T.self == Float.self {
        let r = convSIMDDot(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                        UnsafeRawPointer(y).assumingMemoryBound(to: Float.self), n, SIMD16<Float>.self)
        return unsafeBitCast(r, to: T.self)
    }
    if T.self == Double.self {
        let r = convSIMDDot(UnsafeRawPointer(x).assumingMemoryBound(to: Double.self),
                        UnsafeRawPointer(y).assumingMemoryBound(to: Double.self), n, SIMD8<Double>.self)
        return unsafeBitCast(r, to: T.self)
    }
    var s: T = 0
    for i in 0..<n { s += x[i] * y[i] }
    return s
}

@inline(__always)
func convSIMDDot<V: SIMD>(_ x: UnsafePointer<V.Scalar>, _ y: UnsafePointer<V.Scalar>, _ n: Int, _: V.Type) -> V.Scalar
where V.Scalar: BinaryFloatingPoint {
    let w = V.scalarCount
    var acc0 = V()
    var acc1 = V()
    var i = 0
    while i + 2 * w <= n {
        acc0 += UnsafeRawPointer(x + i).loadUnaligned(as: V.self) * UnsafeRawPointer(y + i).loadUnaligned(as: V.self)
        acc1 += UnsafeRawPointer(x + i + w).loadUnaligned(as: V.self) * UnsafeRawPointer(y + i + w).loadUnaligned(as: V.self)
        i += 2 * w
    }
    if i + w <= n {
        acc0 += UnsafeRawPointer(x + i).loadUnaligned(as: V.self) * UnsafeRawPointer(y + i).loadUnaligned(as: V.self)
        i += w
    }
    var s = (acc0 + acc1).sum()
    while i < n {
        s += x[i] * y[i]
        i += 1
    }
    return s
}

/// Unfolds the `groupIn` channels at `src` (contiguous H×W planes) into `col`, a row-major
/// [colRows, outH·outW] matrix; padding positions read as zero.
func im2col<T: FloatElement>(_ geo: Conv2dGeometry, src: UnsafePointer<T>, col: UnsafeMutablePointer<T>) {
    let l = geo.outPlane
    let ow = geo.outW
    var row = col
    for c in 0..<geo.groupIn {
        let plane = src + c * geo.inPlane
        for ki in 0..<geo.kernelH {
            for kj in 0..<geo.kernelW {
                let ix0 = kj * geo.dilationW - geo.padLeft
                let (lo, hi) = geo.validColumns(ix0)
                for oy in 0..<geo.outH {
                    let dst = row + oy * ow
                    let iy = oy * geo.strideH - geo.padTop + ki * geo.dilationH
                    if iy < 0 || iy >= geo.height {
                        dst.update(repeating: 0, count: ow)
                        continue
                    }
                    let srcRow = plane + iy * geo.width + ix0
                    for ox in 0..<lo { dst[ox] = 0 }
                    if geo.strideW == 1 {
                        for ox in lo..<hi { dst[ox] = srcRow[ox] }
                    } else {
                        for ox in lo..<hi { dst[ox] = srcRow[ox * geo.strideW] }
                    }
                    for ox in hi..<ow { dst[ox] = 0 }
                }
                row += l
            }
        }
    }
}

/// Folds a column matrix back onto the `groupIn` planes at `dst`, adding overlapping entries
/// (the adjoint of `im2col`). `dst` must be initialised.
func col2imAdd<T: FloatElement>(_ geo: Conv2dGeometry, col: UnsafePointer<T>, dst: UnsafeMutablePointer<T>) {
    let l = geo.outPlane
    let ow = geo.outW
    var row = col
    for c in 0..<geo.groupIn {
        let plane = dst + c * geo.inPlane
        for ki in 0..<geo.kernelH {
            for kj in 0..<geo.kernelW {
                let ix0 = kj * geo.dilationW - geo.padLeft
                let (lo, hi) = geo.validColumns(ix0)
                for oy in 0..<geo.outH {
                    let iy = oy * geo.strideH - geo.padTop + ki * geo.dilationH
                    if iy < 0 || iy >= geo.height { continue }
                    let src = row + oy * ow
                    let dstRow = plane + iy * geo.width + ix0
                    if geo.strideW == 1 {
                        for ox in lo..<hi { dstRow[ox] += src[ox] }
                    } else {
                        for ox in lo..<hi { dstRow[ox * geo.strideW] += src[ox] }
                    }
                }
                row += l
            }
        }
    }
}

/// out[n, o] = bias[o] + Σ weight[o] ⋆ input[n] for every sample and group (the reference driver;
/// `conv2dForward` in Kernels/Conv2dFast.swift dispatches float32 to the fast one).
func conv2dForwardPlain<T: FloatElement>(
    _ geo: Conv2dGeometry, input: UnsafePointer<T>, weight: UnsafePointer<T>, bias: UnsafePointer<T>?,
    out: UnsafeMutablePointer<T>, col: UnsafeMutablePointer<T>?
) {
    let l = geo.outPlane
    let rows = geo.colRows
    for n in 0..<geo.batch {
        for g in 0..<geo.groups {
            let src = input + (n * geo.inChannels + g * geo.groupIn) * geo.inPlane
            let b: UnsafePointer<T>
            if let col {
                im2col(geo, src: src, col: col)
                b = UnsafePointer(col)
            } else {
                b = src
            }
            convGEMM(m: geo.groupOut, n: l, k: rows,
                     a: weight + g * geo.groupOut * rows, aRowStride: rows, aColStride: 1,
                     b: b, bRowStride: l, bColStride: 1,
                     c: out + (n * geo.outChannels + g * geo.groupOut) * l)
        }
    }
    if let bias {
        for n in 0..<geo.batch {
            for o in 0..<geo.outChannels {
                let p = out + (n * geo.outChannels + o) * l
                let v = bias[o]
                for i in 0..<l { p[i] += v }
            }
        }
    }
}

/// gradIn[n] = Σ_o weight[o]ᵀ ⋆ gradOut[n, o] (a GEMM into columns, then col2im).
func conv2dBackwardInputPlain<T: FloatElement>(
    _ geo: Conv2dGeometry, gradOut: UnsafePointer<T>, weight: UnsafePointer<T>, gradIn: UnsafeMutablePointer<T>,
    col: UnsafeMutablePointer<T>?
) {
    let l = geo.outPlane
    let rows = geo.colRows
    if col != nil { gradIn.update(repeating: 0, count: geo.batch * geo.inChannels * geo.inPlane) }
    for n in 0..<geo.batch {
        for g in 0..<geo.groups {
            let dst = gradIn + (n * geo.inChannels + g * geo.groupIn) * geo.inPlane
            // Wᵀ of the group: A[r, o] = weight[o, r], read through strides.
            convGEMM(m: rows, n: l, k: geo.groupOut,
                     a: weight + g * geo.groupOut * rows, aRowStride: 1, aColStride: rows,
                     b: gradOut + (n * geo.outChannels + g * geo.groupOut) * l, bRowStride: l, bColStride: 1,
                     c: col ?? dst)
            if let col { col2imAdd(geo, col: UnsafePointer(col), dst: dst) }
        }
    }
}

/// gradWeight[o] = Σ_n gradOut[n, o] · im2col(input[n])ᵀ, as dot products along the output plane
/// (both operands are row-major along it, so nothing is transposed or packed).
func conv2dBackwardWeightPlain<T: FloatElement>(
    _ geo: Conv2dGeometry, gradOut: UnsafePointer<T>, input: UnsafePointer<T>, gradWeight: UnsafeMutablePointer<T>,
    col: UnsafeMutablePointer<T>?
) {
    let l = geo.outPlane
    let rows = geo.colRows
    let og = geo.groupOut
    if geo.batch == 0 { gradWeight.update(repeating: 0, count: geo.outChannels * rows) }
    for g in 0..<geo.groups {
        for n in 0..<geo.batch {
            let src = input + (n * geo.inChannels + g * geo.groupIn) * geo.inPlane
            let b: UnsafePointer<T>
            if let col {
                im2col(geo, src: src, col: col)
                b = UnsafePointer(col)
            } else {
                b = src
            }
            convGEMMTransposedB(m: og, n: rows, k: l, a: gradOut + (n * geo.outChannels + g * og) * l, lda: l,
                                b: b, ldb: l, c: gradWeight + g * og * rows, accumulate: n > 0)
        }
    }
}

/// gradBias[o] = Σ_{n, y, x} gradOut[n, o, y, x].
func conv2dBackwardBias<T: FloatElement>(_ geo: Conv2dGeometry, gradOut: UnsafePointer<T>, gradBias: UnsafeMutablePointer<T>) {
    let l = geo.outPlane
    for o in 0..<geo.outChannels {
        var acc: T = 0
        for n in 0..<geo.batch {
            let p = gradOut + (n * geo.outChannels + o) * l
            for i in 0..<l { acc += p[i] }
        }
        gradBias[o] = acc
    }
}
