/// `F.max_pool2d`, `F.avg_pool2d`, `F.adaptive_avg_pool2d` over the last two dims of a 3-D or
/// 4-D tensor, with PyTorch's output-size rules (padding, dilation, ceil mode).
extension NN {
    /// `F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)`; a nil stride is the kernel
    /// size. Padding positions never win (they act as -inf). Records `MaxPool2DWithIndicesBackward0`.
    public static func maxPool2d(
        _ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
        dilation: (Int, Int) = (1, 1), ceilMode: Bool = false
    ) throws -> Tensor {
        try maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding,
                                 dilation: dilation, ceilMode: ceilMode).values
    }

    /// `F.max_pool2d(..., return_indices=True)`: the maxima and their flat int64 indices into each
    /// input plane (`h * W + w`). Only the values carry a grad_fn.
    public static func maxPool2dWithIndices(
        _ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
        dilation: (Int, Int) = (1, 1), ceilMode: Bool = false
    ) throws -> (values: Tensor, indices: Tensor) {
        if input.rank != 3 && input.rank != 4 {
            throw TensorError.runtime("non-empty 3D or 4D (batch mode) tensor expected for input")
        }
        let geo = try PoolGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                   dilation: dilation, ceilMode: ceilMode)
        if input.dtype == .bool { throw notImplemented("max_pool2d", input.dtype) }
        let x = try input.contiguousRaw()
        let values = try Tensor(allocating: geo.outputShape, dtype: input.dtype)
        let indices = try Tensor(allocating: geo.outputShape, dtype: .int64)
        func run<T: TensorElement & Comparable>(_: T.Type, lowest: T) {
            maxPoolForward(geo, input: x.pointer(T.self), out: values.pointer(T.self),
                           indices: indices.pointer(Int64.self), lowest: lowest)
        }
        switch input.dtype {
        case .float32: run(Float.self, lowest: -.infinity)
        case .float64: run(Double.self, lowest: -.infinity)
        case .uint8: run(UInt8.self, lowest: .min)
        case .int8: run(Int8.self, lowest: .min)
        case .int16: run(Int16.self, lowest: .min)
        case .int32: run(Int32.self, lowest: .min)
        case .int64: run(Int64.self, lowest: .min)
        case .bool: break
        }
        if shouldRecord(input) {
            let savedInput = SavedTensor(input)
            let inShape = input.shape
            let dtype = input.dtype
            record(values, "MaxPool2DWithIndicesBackward0", [input], saves: true) { g, _ in
                _ = try savedInput.unpack()
                let gc = try g.contiguousRaw()
                let r = try Tensor(allocating: inShape, dtype: dtype, zeroed: true)
                func back<T: FloatElement>(_: T.Type) {
                    maxPoolBackward(geo, gradOut: gc.pointer(T.self), indices: indices.pointer(Int64.self),
                                    gradIn: r.pointer(T.self))
                }
                if dtype == .float32 { back(Float.self) } else { back(Double.self) }
                return [r]
            }
        }
        return (values, indices)
    }

    /// `F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)`;
    /// a nil stride is the kernel size. float32/float64. Records `AvgPool2DBackward0`.
    public static func avgPool2d(
        _ input: Tensor, kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
        ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) throws -> Tensor {
        if let d = divisorOverride, d == 0 { throw TensorError.runtime("divisor must be not zero") }
        // PyTorch reads input.size(-3) before its shape check, so a 1-D/2-D input fails on the dim.
        if input.rank < 3 { throw TensorError.dimOutOfRange(-3, rank: input.rank) }
        let geo = try PoolGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                   dilation: (1, 1), ceilMode: ceilMode)
        if !input.dtype.isFloatingPoint { throw notImplemented("avg_pool2d", input.dtype) }
        let x = try input.contiguousRaw()
        let out = try Tensor(allocating: geo.outputShape, dtype: input.dtype)
        func run<T: FloatElement>(_: T.Type) {
            avgPoolForward(geo, input: x.pointer(T.self), out: out.pointer(T.self),
                           countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        }
        if input.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        if shouldRecord(input) {
            let inShape = input.shape
            let dtype = input.dtype
            record(out, "AvgPool2DBackward0", [input], saves: true) { g, _ in
                let gc = try g.contiguousRaw()
                let r = try Tensor(allocating: inShape, dtype: dtype, zeroed: true)
                func back<T: FloatElement>(_: T.Type) {
                    avgPoolBackward(geo, gradOut: gc.pointer(T.self), gradIn: r.pointer(T.self),
                                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
                }
                if dtype == .float32 { back(Float.self) } else { back(Double.self) }
                return [r]
            }
        }
        return out
    }

    /// `F.adaptive_avg_pool2d(input, output_size)` with both sizes given.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: (Int, Int)) throws -> Tensor {
        try adaptiveAvgPool2d(input, outputSize: (Optional(outputSize.0), Optional(outputSize.1)))
    }

    /// `F.adaptive_avg_pool2d(input, output_size)`; a nil size keeps that input dim. Window i of n over
    /// a dim of size L spans [⌊iL/n⌋, ⌈(i+1)L/n⌉). An output of (1, 1) is `mean((-1, -2), keepdim=True)`
    /// (MeanBackward1) as in PyTorch; other sizes record `AdaptiveAvgPool2DBackward0`.
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: (Int?, Int?)) throws -> Tensor {
        if outputSize.0 == nil || outputSize.1 == nil {
            if input.rank <= 2 { throw TensorError(.value, "Input dimension should be at least 3") }
        }
        let oh = outputSize.0 ?? input.shape[input.rank - 2]
        let ow = outputSize.1 ?? input.shape[input.rank - 1]
        if oh < 0 || ow < 0 {
            throw TensorError.runtime(
                "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {\(oh), \(ow)}")
        }
        if oh == 1 && ow == 1 {
            return try input.mean(dims: [-1, -2], keepdim: true)
        }
        if input.rank != 3 && input.rank != 4 {
            throw TensorError.runtime("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got \(shapeString(input.shape))")
        }
        for i in [-2, -1] where input.shape[input.rank + i] <= 0 {
            throw TensorError.runtime(
                "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has "
                    + "sizes \(shapeString(input.shape)) with dimension \(i + input.rank) being empty")
        }
        if !input.dtype.isFloatingPoint { throw notImplemented("adaptive_avg_pool2d", input.dtype) }
        let geo = AdaptiveGeometry(input, outH: oh, outW: ow)
        let x = try input.contiguousRaw()
        let out = try Tensor(allocating: geo.outputShape, dtype: input.dtype)
        func run<T: FloatElement>(_: T.Type) {
            adaptiveAvgForward(geo, input: x.pointer(T.self), out: out.pointer(T.self))
        }
        if input.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        if shouldRecord(input) {
            let inShape = input.shape
            let dtype = input.dtype
            record(out, "AdaptiveAvgPool2DBackward0", [input], saves: true) { g, _ in
                let gc = try g.contiguousRaw()
                let r = try Tensor(allocating: inShape, dtype: dtype, zeroed: true)
                func back<T: FloatElement>(_: T.Type) {
                    adaptiveAvgBackward(geo, gradOut: gc.pointer(T.self), gradIn: r.pointer(T.self))
                }
                if dtype == .float32 { back(Float.self) } else { back(Double.self) }
                return [r]
            }
        }
        return out
    }
}

// MARK: geometry

/// Validated geometry of a max / average pooling: `planes` independent H×W planes.
struct PoolGeometry {
    var leading: [Int]
    var planes: Int
    var height: Int
    var width: Int
    var kernelH: Int
    var kernelW: Int
    var strideH: Int
    var strideW: Int
    var padH: Int
    var padW: Int
    var dilationH: Int
    var dilationW: Int
    var outH: Int
    var outW: Int

    var outputShape: [Int] { leading + [outH, outW] }

    /// Checks the arguments in PyTorch's order and with its messages (pooling_output_shape, then
    /// pool2d_shape_check). `input` has rank 3 or more.
    init(_ input: Tensor, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int),
         ceilMode: Bool) throws(TensorError) {
        for v in [kernel.0, kernel.1, stride.0, stride.1, padding.0, padding.1, dilation.0, dilation.1]
        where v > Int(Int32.max) || v < Int(Int32.min) {
            throw TensorError.runtime("value cannot be converted to type int32_t without overflow")
        }
        let r = input.rank
        let h = input.shape[r - 2]
        let w = input.shape[r - 1]
        // pooling_output_shape, height then width.
        for (k, s, p, d) in [(kernel.0, stride.0, padding.0, dilation.0), (kernel.1, stride.1, padding.1, dilation.1)] {
            if s == 0 { throw TensorError.runtime("stride should not be zero") }
            if p < 0 { throw TensorError.runtime("pad must be non-negative, but got pad: \(p)") }
            if p > ((k - 1) * d + 1) / 2 {
                throw TensorError.runtime(
                    "pad should be at most half of effective kernel size, but got pad=\(p), kernel_size=\(k) and dilation=\(d)")
            }
        }
        // pool2d_shape_check.
        if kernel.0 <= 0 || kernel.1 <= 0 {
            throw TensorError.runtime("kernel size should be greater than zero, but got kH: \(kernel.0) kW: \(kernel.1)")
        }
        if stride.0 <= 0 || stride.1 <= 0 {
            throw TensorError.runtime("stride should be greater than zero, but got dH: \(stride.0) dW: \(stride.1)")
        }
        if dilation.0 <= 0 || dilation.1 <= 0 {
            throw TensorError.runtime(
                "dilation should be greater than zero, but got dilationH: \(dilation.0) dilationW: \(dilation.1)")
        }
        let validDims = input.shape[r - 3] != 0 && h != 0 && w != 0
        if r > 4 || !validDims {
            throw TensorError.runtime(
                "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:"
                    + shapeString(input.shape))
        }
        let oh = PoolGeometry.outputSize(h, kernel.0, padding.0, stride.0, dilation.0, ceilMode)
        let ow = PoolGeometry.outputSize(w, kernel.1, padding.1, stride.1, dilation.1, ceilMode)
        if oh < 1 || ow < 1 {
            let c = input.shape[r - 3]
            throw TensorError.runtime(
                "Given input size: (\(c)x\(h)x\(w)). Calculated output size: (\(c)x\(oh)x\(ow)). Output size is too small")
        }
        leading = Array(input.shape[0..<(r - 2)])
        planes = shapeCount(leading)
        height = h
        width = w
        kernelH = kernel.0
        kernelW = kernel.1
        strideH = stride.0
        strideW = stride.1
        padH = padding.0
        padW = padding.1
        dilationH = dilation.0
        dilationW = dilation.1
        outH = oh
        outW = ow
    }

    /// PyTorch's pooling_output_shape: floor (or ceil) division, and in ceil mode the last window
    /// must start inside the input or the left padding.
    static func outputSize(_ n: Int, _ k: Int, _ p: Int, _ s: Int, _ d: Int, _ ceilMode: Bool) -> Int {
        let num = n + 2 * p - d * (k - 1) - 1 + (ceilMode ? s - 1 : 0)
        var out = (num >= 0 ? num / s : -((-num + s - 1) / s)) + 1
        if ceilMode && (out - 1) * s >= n + p { out -= 1 }
        return out
    }
}

/// Geometry of an adaptive average pooling.
struct AdaptiveGeometry {
    var leading: [Int]
    var planes: Int
    var height: Int
    var width: Int
    var outH: Int
    var outW: Int

    init(_ input: Tensor, outH: Int, outW: Int) {
        let r = input.rank
        leading = Array(input.shape[0..<(r - 2)])
        planes = shapeCount(leading)
        height = input.shape[r - 2]
        width = input.shape[r - 1]
        self.outH = outH
        self.outW = outW
    }

    var outputShape: [Int] { leading + [outH, outW] }

    @inline(__always) static func start(_ i: Int, _ n: Int, _ size: Int) -> Int { (i * size) / n }
    @inline(__always) static func end(_ i: Int, _ n: Int, _ size: Int) -> Int { ((i + 1) * size + n - 1) / n }
}

// MARK: kernels

func maxPoolForward<T: TensorElement & Comparable>(
    _ geo: PoolGeometry, input: UnsafePointer<T>, out: UnsafeMutablePointer<T>, indices: UnsafeMutablePointer<Int64>,
    lowest: T
) {
    let inPlane = geo.height * geo.width
    var o = 0
    for plane in 0..<geo.planes {
        let src = input + plane * inPlane
        for oy in 0..<geo.outH {
            var y0 = oy * geo.strideH - geo.padH
            let y1 = Swift.min(y0 + (geo.kernelH - 1) * geo.dilationH + 1, geo.height)
            while y0 < 0 { y0 += geo.dilationH }
            for ox in 0..<geo.outW {
                var x0 = ox * geo.strideW - geo.padW
                let x1 = Swift.min(x0 + (geo.kernelW - 1) * geo.dilationW + 1, geo.width)
                while x0 < 0 { x0 += geo.dilationW }
                var best = lowest
                var bestIndex = y0 * geo.width + x0
                var y = y0
                while y < y1 {
                    var x = x0
                    while x < x1 {
                        let i = y * geo.width + x
                        let v = src[i]
                        // NaN wins (v != v only for NaN), as in PyTorch.
                        if v > best || v != v {
                            best = v
                            bestIndex = i
                        }
                        x += geo.dilationW
                    }
                    y += geo.dilationH
                }
                out[o] = best
                indices[o] = Int64(bestIndex)
                o += 1
            }
        }
    }
}

func maxPoolBackward<T: FloatElement>(
    _ geo: PoolGeometry, gradOut: UnsafePointer<T>, indices: UnsafePointer<Int64>, gradIn: UnsafeMutablePointer<T>
) {
    let inPlane = geo.height * geo.width
    let outPlane = geo.outH * geo.outW
    for plane in 0..<geo.planes {
        let dst = gradIn + plane * inPlane
        let base = plane * outPlane
        for i in 0..<outPlane { dst[Int(indices[base + i])] += gradOut[base + i] }
    }
}

/// Window bounds of an average pooling output and its divisor (PyTorch's cpu_avg_pool rules);
/// nil when the clipped window is empty (the output is zero).
@inline(__always)
func avgWindow(_ geo: PoolGeometry, _ oy: Int, _ ox: Int, countIncludePad: Bool, divisorOverride: Int?)
    -> (y0: Int, y1: Int, x0: Int, x1: Int, divisor: Int)?
{
    var y0 = oy * geo.strideH - geo.padH
    var x0 = ox * geo.strideW - geo.padW
    var y1 = Swift.min(y0 + geo.kernelH, geo.height + geo.padH)
    var x1 = Swift.min(x0 + geo.kernelW, geo.width + geo.padW)
    let poolSize = (y1 - y0) * (x1 - x0)
    y0 = Swift.max(y0, 0)
    x0 = Swift.max(x0, 0)
    y1 = Swift.min(y1, geo.height)
    x1 = Swift.min(x1, geo.width)
    if y0 >= y1 || x0 >= x1 { return nil }
    let divisor = divisorOverride ?? (countIncludePad ? poolSize : (y1 - y0) * (x1 - x0))
    return (y0, y1, x0, x1, divisor)
}

func avgPoolForward<T: FloatElement>(
    _ geo: PoolGeometry, input: UnsafePointer<T>, out: UnsafeMutablePointer<T>, countIncludePad: Bool,
    divisorOverride: Int?
) {
    let inPlane = geo.height * geo.width
    var o = 0
    for plane in 0..<geo.planes {
        let src = input + plane * inPlane
        for oy in 0..<geo.outH {
            for ox in 0..<geo.outW {
                defer { o += 1 }
                guard let win = avgWindow(geo, oy, ox, countIncludePad: countIncludePad,
                                          divisorOverride: divisorOverride) else {
                    out[o] = 0
                    continue
                }
                // Accumulates in double, as PyTorch's CPU kernel (acc_type of float is double).
                var sum = 0.0
                for y in win.y0..<win.y1 {
                    let row = src + y * geo.width
                    for x in win.x0..<win.x1 { sum += row[x].asDouble }
                }
                out[o] = T(sum / Double(win.divisor))
            }
        }
    }
}

func avgPoolBackward<T: FloatElement>(
    _ geo: PoolGeometry, gradOut: UnsafePointer<T>, gradIn: UnsafeMutablePointer<T>, countIncludePad: Bool,
    divisorOverride: Int?
) {
    let inPlane = geo.height * geo.width
    var o = 0
    for plane in 0..<geo.planes {
        let dst = gradIn + plane * inPlane
        for oy in 0..<geo.outH {
            for ox in 0..<geo.outW {
                defer { o += 1 }
                guard let win = avgWindow(geo, oy, ox, countIncludePad: countIncludePad,
                                          divisorOverride: divisorOverride) else { continue }
                let share = gradOut[o] / T(win.divisor)
                for y in win.y0..<win.y1 {
                    let row = dst + y * geo.width
                    for x in win.x0..<win.x1 { row[x] += share }
                }
            }
        }
    }
}

func adaptiveAvgForward<T: FloatElement>(_ geo: AdaptiveGeometry, input: UnsafePointer<T>, out: UnsafeMutablePointer<T>) {
    if geo.planes == 0 || geo.outH == 0 || geo.outW == 0 { return }
    let inPlane = geo.height * geo.width
    var o = 0
    for plane in 0..<geo.planes {
        let src = input + plane * inPlane
        for oy in 0..<geo.outH {
            let y0 = AdaptiveGeometry.start(oy, geo.outH, geo.height)
            let y1 = AdaptiveGeometry.end(oy, geo.outH, geo.height)
            for ox in 0..<geo.outW {
                let x0 = AdaptiveGeometry.start(ox, geo.outW, geo.width)
                let x1 = AdaptiveGeometry.end(ox, geo.outW, geo.width)
                var sum: T = 0
                for y in y0..<y1 {
                    let row = src + y * geo.width
                    for x in x0..<x1 { sum += row[x] }
                }
                out[o] = sum / T((y1 - y0) * (x1 - x0))
                o += 1
            }
        }
    }
}

func adaptiveAvgBackward<T: FloatElement>(_ geo: AdaptiveGeometry, gradOut: UnsafePointer<T>, gradIn: UnsafeMutablePointer<T>) {
    if geo.planes == 0 || geo.outH == 0 || geo.outW == 0 { return }
    let inPlane = geo.height * geo.width
    var o = 0
    for plane in 0..<geo.planes {
        let dst = gradIn + plane * inPlane
        for oy in 0..<geo.outH {
            let y0 = AdaptiveGeometry.start(oy, geo.outH, geo.height)
            let y1 = AdaptiveGeometry.end(oy, geo.outH, geo.height)
            for ox in 0..<geo.outW {
                let x0 = AdaptiveGeometry.start(ox, geo.outW, geo.width)
                let x1 = AdaptiveGeometry.end(ox, geo.outW, geo.width)
                let share = gradOut[o] / T((y1 - y0) * (x1 - x0))
                for y in y0..<y1 {
                    let row = dst + y * geo.width
                    for x in x0..<x1 { row[x] += share }
                }
                o += 1
            }
        }
    }
}
