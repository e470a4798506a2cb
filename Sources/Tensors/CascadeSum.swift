/// Floating-point summation in exactly PyTorch's CPU order (ATen's SumKernel.cpp `cascade_sum`),
/// so `torch.sum` / `mean` results match bit for bit on the tensors the notebooks use.
///
/// PyTorch orders the reduction like TensorIterator (reduced dims innermost, then by stride),
/// calls a 2-D loop for the two fastest dims and, inside it, uses multi-level "cascade"
/// accumulators, 4-way interleaving ("ILP") and SIMD lanes of the CPU's vector width
/// (8 floats / 4 doubles). The lane order matters for rounding, so it is emulated with Swift
/// SIMD vectors of the same width.

/// An accumulator: a scalar or a SIMD vector of lanes.
protocol SumAccumulator {
    static var zeroValue: Self { get }
    static func + (a: Self, b: Self) -> Self
}

extension Float: SumAccumulator { static var zeroValue: Float { 0 } }
extension Double: SumAccumulator { static var zeroValue: Double { 0 } }
extension SIMD8: SumAccumulator where Scalar: BinaryFloatingPoint {
    static var zeroValue: SIMD8<Scalar> { .zero }
}
extension SIMD4: SumAccumulator where Scalar: BinaryFloatingPoint {
    static var zeroValue: SIMD4<Scalar> { .zero }
}

/// Lane vectors loadable from contiguous elements.
protocol LaneVector: SumAccumulator {
    associatedtype Lane: FloatElement
    static var laneCount: Int { get }
    static func load(_ p: UnsafePointer<Lane>) -> Self
    func lane(_ i: Int) -> Lane
}

extension SIMD8: LaneVector where Scalar: FloatElement {
    static var laneCount: Int { 8 }
    static func load(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self) }
    func lane(_ i: Int) -> Scalar { self[i] }
}
extension SIMD4: LaneVector where Scalar: FloatElement {
    static var laneCount: Int { 4 }
    static func load(_ p: UnsafePointer<Scalar>) -> SIMD4<Scalar> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Scalar>.self) }
    func lane(_ i: Int) -> Scalar { self[i] }
}

@inline(__always)
private func ceilLog2(_ x: Int) -> Int {
    if x <= 2 { return 1 }
    return (Int.bitWidth - (x - 1).leadingZeroBitCount - 1) + 1
}

/// ATen's multi_row_sum: `nrows` independent cascades over `size` rows; `load(i, k)` reads row i col k.
@inline(__always)
private func multiRowSum<A: SumAccumulator>(_ nrows: Int, _ size: Int, _ load: (Int, Int) -> A, _ result: (Int, A) -> Void) {
    let numLevels = 4
    let levelPower = Swift.max(4, ceilLog2(size) / numLevels)
    let levelStep = 1 << levelPower
    let levelMask = levelStep - 1
    withUnsafeTemporaryAllocation(of: A.self, capacity: numLevels * nrows) { acc in
        for i in 0..<(numLevels * nrows) { acc.initializeElement(at: i, to: A.zeroValue) }
        var i = 0
        while i + levelStep <= size {
            for _ in 0..<levelStep {
                for k in 0..<nrows { acc[k] = acc[k] + load(i, k) }
                i += 1
            }
            for j in 1..<numLevels {
                for k in 0..<nrows {
                    acc[j * nrows + k] = acc[j * nrows + k] + acc[(j - 1) * nrows + k]
                    acc[(j - 1) * nrows + k] = A.zeroValue
                }
                let mask = levelMask << (j * levelPower)
                if (i & mask) != 0 { break }
            }
        }
        while i < size {
            for k in 0..<nrows { acc[k] = acc[k] + load(i, k) }
            i += 1
        }
        for j in 1..<numLevels {
            for k in 0..<nrows { acc[k] = acc[k] + acc[j * nrows + k] }
        }
        for k in 0..<nrows { result(k, acc[k]) }
    }
}

/// ATen's row_sum: 4-way interleaved cascades combined at the end; `load(i)` reads element i.
@inline(__always)
private func rowSum<A: SumAccumulator>(_ size: Int, _ load: (Int) -> A) -> A {
    let ilp = 4
    let sizeILP = size / ilp
    var p0 = A.zeroValue
    var p1 = A.zeroValue
    var p2 = A.zeroValue
    var p3 = A.zeroValue
    multiRowSum(ilp, sizeILP, { i, k in load(i * ilp + k) }) { k, v in
        switch k {
        case 0: p0 = v
        case 1: p1 = v
        case 2: p2 = v
        default: p3 = v
        }
    }
    for i in (sizeILP * ilp)..<Swift.max(size, sizeILP * ilp) { p0 = p0 + load(i) }
    p0 = p0 + p1
    p0 = p0 + p2
    p0 = p0 + p3
    return p0
}

/// One call of cascade_sum's 2-D loop: `size0 × size1` inputs with element strides `in0/in1`,
/// accumulated (+=) into outputs with element strides `out0/out1`.
@inline(__always)
private func cascadeLoop2D<T: FloatElement & SumAccumulator, V: LaneVector>(
    _: V.Type, _ input: UnsafePointer<T>, _ output: UnsafeMutablePointer<T>,
    _ sizeA: Int, _ sizeB: Int, _ inA: Int, _ inB: Int, _ outA: Int, _ outB: Int
) where V.Lane == T {
    var size0 = sizeA
    var size1 = sizeB
    var in0 = inA
    var in1 = inB
    var out0 = outA
    var out1 = outB
    if out0 != 0 && out1 == 0 {
        swap(&in0, &in1)
        swap(&out0, &out1)
        swap(&size0, &size1)
    }
    if out0 != 0 && out1 != 0 {
        // Not a true reduction in this 2-D block: elementwise accumulate.
        for j in 0..<size1 {
            for i in 0..<size0 { output[i * out0 + j * out1] += input[i * in0 + j * in1] }
        }
        return
    }
    let outStride = out1
    let W = V.laneCount
    if in0 == 1 && size0 >= W {
        // vectorized_inner_sum
        let vecSize = size0 / W
        for j in 0..<size1 {
            let row = input + j * in1
            let vacc: V = rowSum(vecSize) { i in V.load(row + i * W) }
            var final: T = 0
            for k in (vecSize * W)..<size0 { final += row[k] }
            for k in 0..<W { final += vacc.lane(k) }
            output[j * outStride] += final
        }
    } else if in1 == 1 && size1 >= W {
        // vectorized_outer_sum: columns are contiguous.
        var j = 0
        while j + 4 * W <= size1 {
            let base = input + j
            multiRowSum(4, size0, { i, k in V.load(base + i * in0 + k * W) }) { k, v in
                for l in 0..<W { output[(j + k * W + l) * outStride] += v.lane(l) }
            }
            j += 4 * W
        }
        while j + W <= size1 {
            let base = input + j
            let v: V = rowSum(size0) { i in V.load(base + i * in0) }
            for l in 0..<W { output[(j + l) * outStride] += v.lane(l) }
            j += W
        }
        while j < size1 {
            let col = input + j
            let s: T = rowSum(size0) { i in col[i * in0] }
            output[j * outStride] += s
            j += 1
        }
    } else if in0 < in1 {
        // scalar_inner_sum
        for j in 0..<size1 {
            let row = input + j * in1
            let s: T = rowSum(size0) { i in row[i * in0] }
            output[j * outStride] += s
        }
    } else {
        // scalar_outer_sum
        var j = 0
        while j + 3 < size1 {
            let base = input + j * in1
            multiRowSum(4, size0, { i, k in base[i * in0 + k * in1] }) { k, v in
                output[(j + k) * outStride] += v
            }
            j += 4
        }
        while j < size1 {
            let col = input + j * in1
            let s: T = rowSum(size0) { i in col[i * in0] }
            output[j * outStride] += s
            j += 1
        }
    }
}

/// Sums `input` over the dims flagged in `reduced` into the zero-filled contiguous `output`
/// (whose shape is the input's with reduced dims kept as size 1), in PyTorch's order.
func cascadeSum<T: FloatElement & SumAccumulator>(_: T.Type, input: Tensor, reduced: [Bool], output: Tensor) {
    // Nothing to add for an empty input (the output is already zero), and its dims may be
    // huge with wrapped strides whose products would overflow below (found by fuzzing).
    if input.count == 0 { return }
    // TensorIterator dims: (size, input stride, output stride); size-1 dims dropped.
    let outStrides = contiguousStrides(zip(input.shape, reduced).map { $1 ? 1 : $0 })
    var dims: [(size: Int, inS: Int, outS: Int)] = []
    for d in stride(from: input.rank - 1, through: 0, by: -1) where input.shape[d] != 1 {
        dims.append((input.shape[d], input.strides[d], reduced[d] ? 0 : outStrides[d]))
    }
    // TensorIterator::reorder_dimensions: insertion sort with should_swap (output first, reduced dims to the front).
    func shouldSwap(_ a: (size: Int, inS: Int, outS: Int), _ b: (size: Int, inS: Int, outS: Int)) -> Int {
        if (a.outS == 0) != (b.outS == 0) { return b.outS == 0 ? 1 : -1 }
        if !(a.outS == 0 || b.outS == 0) {
            if a.outS < b.outS { return -1 }
            if a.outS > b.outS { return 1 }
            if a.size > b.size { return 1 }
        }
        if !(a.inS == 0 || b.inS == 0) {
            if a.inS < b.inS { return -1 }
            if a.inS > b.inS { return 1 }
            if a.size > b.size { return 1 }
        }
        return 0
    }
    if dims.count > 1 {
        for i in 1..<dims.count {
            var d1 = i
            var d0 = i - 1
            while d0 >= 0 {
                let c = shouldSwap(dims[d0], dims[d1])
                if c > 0 {
                    dims.swapAt(d0, d1)
                    d1 = d0
                } else if c < 0 {
                    break
                }
                d0 -= 1
            }
        }
    }
    // Coalesce neighbours that are contiguous in both operands.
    var merged: [(size: Int, inS: Int, outS: Int)] = []
    for d in dims {
        // Wrapping products: only an empty tensor's (never used) strides can overflow here
        // (found by fuzzing); a non-empty tensor's extents fit in memory.
        if let last = merged.last, last.inS &* last.size == d.inS, last.outS &* last.size == d.outS {
            merged[merged.count - 1] = (last.size &* d.size, last.inS, last.outS)
        } else {
            merged.append(d)
        }
    }
    let inPtr = UnsafePointer(input.pointer(T.self))
    let outPtr = output.pointer(T.self)
    let d0 = merged.count > 0 ? merged[0] : (size: 1, inS: 0, outS: 0)
    let d1 = merged.count > 1 ? merged[1] : (size: 1, inS: 0, outS: 0)
    let outer = merged.count > 2 ? Array(merged[2...]) : []
    // ATen registers sum_stub without AVX-512, so the AVX2 widths apply on every x86 CPU
    // (and the generic 32-byte Vectorized has the same widths): 8 floats, 4 doubles.
    func call(_ io: Int, _ oo: Int) {
        if T.self == Float.self {
            cascadeLoop2D(SIMD8<Float>.self, UnsafePointer<Float>(OpaquePointer(inPtr + io)),
                          UnsafeMutablePointer<Float>(OpaquePointer(outPtr + oo)),
                          d0.size, d1.size, d0.inS, d1.inS, d0.outS, d1.outS)
        } else {
            cascadeLoop2D(SIMD4<Double>.self, UnsafePointer<Double>(OpaquePointer(inPtr + io)),
                          UnsafeMutablePointer<Double>(OpaquePointer(outPtr + oo)),
                          d0.size, d1.size, d0.inS, d1.inS, d0.outS, d1.outS)
        }
    }
    if outer.isEmpty {
        call(0, 0)
        return
    }
    var idx = [Int](repeating: 0, count: outer.count)
    var io = 0
    var oo = 0
    var total = 1
    for d in outer { total *= d.size }
    for _ in 0..<total {
        call(io, oo)
        var k = 0
        while k < outer.count {
            idx[k] += 1
            io += outer[k].inS
            oo += outer[k].outS
            if idx[k] < outer[k].size { break }
            io -= outer[k].inS * outer[k].size
            oo -= outer[k].outS * outer[k].size
            idx[k] = 0
            k += 1
        }
    }
}

/// The full sum of `n ≥ 1` contiguous elements, exactly as `cascadeSum` orders it for a contiguous
/// input reduced over every dim (its dims coalesce into one of stride 1; a single element takes
/// the same scalar branch either way).
func contiguousCascadeSum<T: FloatElement & SumAccumulator>(_ input: UnsafePointer<T>, _ n: Int) -> T {
    var result: T = 0
    withUnsafeMutablePointer(to: &result) { out in
        if T.self == Float.self {
            cascadeLoop2D(SIMD8<Float>.self, UnsafePointer<Float>(OpaquePointer(input)),
                          UnsafeMutablePointer<Float>(OpaquePointer(out)), n, 1, 1, 0, 0, 0)
        } else {
            cascadeLoop2D(SIMD4<Double>.self, UnsafePointer<Double>(OpaquePointer(input)),
                          UnsafeMutablePointer<Double>(OpaquePointer(out)), n, 1, 1, 0, 0, 0)
        }
    }
    return result
}
