/// Allocation-free basic indexing and the fused `(a[...] * b[...]).sum()` kernel the interpreter
/// uses for the book's hot loop bodies (`corr2d`). Everything here answers nil when its
/// preconditions do not hold, and the caller then takes the general path (which also reports
/// errors), so results are always those of the general path, bit for bit.

/// Four ints held in named fields. (Not `SIMD4<Int>`: writing one lane of a vector and then
/// copying the whole vector stalls on store-to-load forwarding, which dominated the loop kernel.)
public struct Int4 {
    var x0 = 0
    var x1 = 0
    var x2 = 0
    var x3 = 0

    init() {}

    init(repeating v: Int) {
        x0 = v
        x1 = v
        x2 = v
        x3 = v
    }

    @inline(__always)
    subscript(i: Int) -> Int {
        get {
            switch i {
            case 0: return x0
            case 1: return x1
            case 2: return x2
            default: return x3
            }
        }
        set {
            switch i {
            case 0: x0 = newValue
            case 1: x1 = newValue
            case 2: x2 = newValue
            default: x3 = newValue
            }
        }
    }
}

/// Up to four subscript parts (ints or `start:stop:step` slices) held inline: no arrays.
public struct SmallIndex {
    /// Number of parts (0...4).
    public internal(set) var count = 0
    /// Per part: 0 int, 1 slice; for slices bit 1/2/3 flag a present start/stop/step.
    var kinds = Int4()
    var a = Int4()  // the int, or the slice start
    var b = Int4()  // slice stop
    var c = Int4()  // slice step

    /// The largest number of parts.
    public static let capacity = 4

    public init() {}

    /// Appends an int part (`t[i]`). Precondition: `count < capacity`.
    public mutating func appendInt(_ i: Int) {
        precondition(count < SmallIndex.capacity, "SmallIndex is full")
        kinds[count] = 0
        a[count] = i
        count &+= 1
    }

    /// Appends a slice part; nil bounds are omitted ones. Precondition: `count < capacity`.
    public mutating func appendSlice(_ start: Int?, _ stop: Int?, _ step: Int?) {
        precondition(count < SmallIndex.capacity, "SmallIndex is full")
        var k = 1
        if let start { k |= 2; a[count] = start }
        if let stop { k |= 4; b[count] = stop }
        if let step { k |= 8; c[count] = step }
        kinds[count] = k
        count &+= 1
    }

    /// Part `i` as an int, or nil for a slice.
    public func int(at i: Int) -> Int? { kinds[i] == 0 ? a[i] : nil }

    /// Part `i` as slice bounds (nil for omitted ones), or nil for an int part.
    public func slice(at i: Int) -> (start: Int?, stop: Int?, step: Int?)? {
        let k = kinds[i]
        if k == 0 { return nil }
        return ((k & 2) != 0 ? a[i] : nil, (k & 4) != 0 ? b[i] : nil, (k & 8) != 0 ? c[i] : nil)
    }
}

/// The geometry of a strided view of rank ≤ 4 held inline (no arrays): storage offset, shape and
/// strides in elements.
public struct SmallGeometry {
    var offset: Int
    var rank: Int
    var shape: Int4
    var strides: Int4

    /// Number of elements.
    var count: Int {
        var n = 1
        for d in 0..<rank { n &*= shape[d] }
        return n
    }

    /// The geometry of `self[index]` (ints and slices, at most one per dim) as `fastBasicView`
    /// computes it, or nil for anything the general path must handle: out-of-range ints,
    /// non-positive steps, more parts than dims.
    @inline(__always)
    func basicView(_ index: SmallIndex) -> SmallGeometry? {
        let r = rank
        if index.count > r { return nil }
        var sh = Int4()
        var st = Int4()
        var n = 0
        var off = offset
        for d in 0..<index.count {
            let size = shape[d]
            let k = index.kinds[d]
            if k == 0 {
                let i = index.a[d]
                if i < -size || i >= size { return nil }
                off &+= (i < 0 ? i &+ size : i) &* strides[d]
                continue
            }
            let step = (k & 8) != 0 ? index.c[d] : 1
            if step <= 0 { return nil }
            // Python clamping, as in `fastBasicView`.
            var s = (k & 2) != 0 ? index.a[d] : 0
            var e = (k & 4) != 0 ? index.b[d] : size
            if s < 0 { s &+= size }
            if e < 0 { e &+= size }
            s = Swift.min(Swift.max(s, 0), size)
            e = Swift.min(Swift.max(e, s), size)
            let len = e == s ? 0 : (e &- s &- 1) / step &+ 1
            sh[n] = len
            st[n] = len > 1 ? strides[d] &* step : strides[d]
            n &+= 1
            off &+= s &* strides[d]
        }
        var d = index.count
        while d < r {
            sh[n] = shape[d]
            st[n] = strides[d]
            n &+= 1
            d &+= 1
        }
        return SmallGeometry(offset: off, rank: n, shape: sh, strides: st)
    }

    /// The storage offset of the element addressed by exactly `rank` in-range ints (negative ones
    /// count from the end), or nil.
    @inline(__always)
    func elementOffset(_ index: SmallIndex) -> Int? {
        guard index.count == rank else { return nil }
        var off = offset
        for d in 0..<rank {
            if index.kinds[d] != 0 { return nil }
            let i = index.a[d]
            let size = shape[d]
            if i < -size || i >= size { return nil }
            off &+= (i < 0 ? i &+ size : i) &* strides[d]
        }
        return off
    }
}

/// The geometry of a basic view of rank ≤ 4 held inline (no tensor object, no arrays).
public struct SmallView {
    /// The tensor whose storage the view reads.
    public let tensor: Tensor
    var geometry: SmallGeometry

    var offset: Int { geometry.offset }
    var rank: Int { geometry.rank }
    var shape: Int4 { geometry.shape }
    var strides: Int4 { geometry.strides }
    var count: Int { geometry.count }
}

extension Tensor {
    /// The whole tensor's geometry, or nil when its rank exceeds 4.
    var smallGeometry: SmallGeometry? {
        let r = rank
        if r > 4 { return nil }
        var sh = Int4()
        var st = Int4()
        let s0 = shape
        let t0 = strides
        for d in 0..<r {
            sh[d] = s0[d]
            st[d] = t0[d]
        }
        return SmallGeometry(offset: storageOffset, rank: r, shape: sh, strides: st)
    }

    /// The whole tensor as a `SmallView`, or nil when its rank exceeds 4.
    public var smallView: SmallView? {
        smallGeometry.map { SmallView(tensor: self, geometry: $0) }
    }

    /// The geometry of `self[index]` (ints and slices, at most one per dim) as `fastBasicView`
    /// computes it, or nil for anything the general path must handle: out-of-range ints,
    /// non-positive steps, more parts than dims, rank > 4.
    public func smallBasicView(_ index: SmallIndex) -> SmallView? {
        guard let g = smallGeometry?.basicView(index) else { return nil }
        return SmallView(tensor: self, geometry: g)
    }

    /// `(a * b).sum()` for two views of the same float dtype and exactly the same shape (no
    /// broadcasting) when no autograd history would be recorded: the products are formed in the
    /// order and precision of the elementwise kernel and summed in `sum()`'s cascade order, so the
    /// 0-d result is bit-identical to the general path's. Nil when any precondition fails.
    public static func fusedMulSum(_ a: SmallView, _ b: SmallView) throws(TensorError) -> Tensor? {
        guard let (value, dt) = fusedMulSumValue(a, b) else { return nil }
        let out = try Tensor(allocatingValid: [], strides: [], count: 1, dtype: dt)
        if dt == .float32 {
            out.pointer(Float.self)[0] = Float(value)
        } else {
            out.pointer(Double.self)[0] = value
        }
        return out
    }

    /// The element `fusedMulSum` would return and its dtype (float32 or float64; a float32 sum is
    /// widened exactly), without making the 0-d tensor; nil when any precondition fails.
    public static func fusedMulSumValue(_ a: SmallView, _ b: SmallView) -> (Double, DType)? {
        let ta = a.tensor
        let tb = b.tensor
        let dt = ta.dtype
        if dt != tb.dtype || a.rank != b.rank { return nil }
        if dt != .float32 && dt != .float64 { return nil }
        if (ta.requiresGrad || tb.requiresGrad) && GradMode.isEnabled { return nil }
        for d in 0..<a.rank where a.shape[d] != b.shape[d] { return nil }
        let n = a.count
        // Bigger products go through the general path (and its memory-limit check).
        if n == 0 || n > fusedMulSumLimit { return nil }
        let pa = ta.storage.data
        let pb = tb.storage.data
        if dt == .float32 { return (Double(stridedProductSum(Float.self, pa, a.geometry, pb, b.geometry, n)), dt) }
        return (stridedProductSum(Double.self, pa, a.geometry, pb, b.geometry, n), dt)
    }

    /// `self[index] = v` for one element addressed by `rank` ints, where `v` is a 0-d float tensor
    /// holding `value` (as `fusedMulSumValue` gives it): the write `setElementIfPlain` makes for
    /// that tensor, without the tensor. False (nothing written) when the general path must run.
    public func setElementIfPlain(_ index: SmallIndex, fromZeroDim value: Double) -> Bool {
        guard let off = smallElementOffset(index) else { return false }
        // A 0-d float tensor's element reaches `setElement` as `.double` (firstElementScalar).
        return setElement(atOffset: off, .scalar(.double(value)))
    }

    /// The element offset of `self[index]` when the index is exactly `rank` in-range ints.
    public func smallElementOffset(_ index: SmallIndex) -> Int? {
        guard index.count == rank else { return nil }
        return elementOffset { d in index.kinds[d] == 0 ? index.a[d] : nil }
    }

    /// `self[index] = value` for one element addressed by `rank` ints, set from a number or a 0-d
    /// tensor, when no autograd history is needed: the write `indexPut`'s fast path makes.
    /// Returns false (nothing written) when the general path must run.
    public func setElementIfPlain(_ index: SmallIndex, _ value: Operand) -> Bool {
        guard let off = smallElementOffset(index) else { return false }
        return setElement(atOffset: off, value)
    }

    /// Writes one element at storage offset `off` from a Python number or a 0-d tensor of another
    /// storage, bumping the version; false (nothing written) when autograd would record.
    func setElement(atOffset off: Int, _ value: Operand) -> Bool {
        let s: Scalar
        switch value {
        case .scalar(let x):
            if GradMode.isEnabled && requiresGrad { return false }
            s = x
        case .tensor(let t):
            if t.rank != 0 || t.storage === storage || (GradMode.isEnabled && (requiresGrad || t.requiresGrad)) {
                return false
            }
            s = t.firstElementScalar()
        }
        let raw = storage.data
        switch dtype {
        case .float32: raw.assumingMemoryBound(to: Float.self)[off] = Float(scalar: s)
        case .float64: raw.assumingMemoryBound(to: Double.self)[off] = Double(scalar: s)
        case .int64: raw.assumingMemoryBound(to: Int64.self)[off] = Int64(scalar: s)
        case .int32: raw.assumingMemoryBound(to: Int32.self)[off] = Int32(scalar: s)
        case .int16: raw.assumingMemoryBound(to: Int16.self)[off] = Int16(scalar: s)
        case .int8: raw.assumingMemoryBound(to: Int8.self)[off] = Int8(scalar: s)
        case .uint8: raw.assumingMemoryBound(to: UInt8.self)[off] = UInt8(scalar: s)
        case .bool: raw.assumingMemoryBound(to: Bool.self)[off] = Bool(scalar: s)
        }
        storage.bumpVersion()
        return true
    }
}

/// The most elements `fusedMulSum` handles (its products live in a stack buffer).
let fusedMulSumLimit = 1024

/// Row-major products `a[i] * b[i]` into a temporary buffer (the layout of the general path's
/// contiguous product tensor), then that buffer's full cascade sum. `n` is the common count.
@inline(__always)
private func stridedProductSum<T: FloatElement & SumAccumulator>(
    _: T.Type, _ baseA: UnsafeMutableRawPointer, _ a: SmallGeometry, _ baseB: UnsafeMutableRawPointer,
    _ b: SmallGeometry, _ n: Int
) -> T {
    // Pad to four dims in front (size 1) so one loop nest serves every rank.
    var sh = Int4(repeating: 1)
    var sa = Int4()
    var sb = Int4()
    let pad = 4 - a.rank
    for d in 0..<a.rank {
        sh[pad + d] = a.shape[d]
        sa[pad + d] = a.strides[d]
        sb[pad + d] = b.strides[d]
    }
    let pa = baseA.assumingMemoryBound(to: T.self) + a.offset
    let pb = baseB.assumingMemoryBound(to: T.self) + b.offset
    return withUnsafeTemporaryAllocation(of: T.self, capacity: n) { buf in
        let out = buf.baseAddress.unsafelyUnwrapped
        var k = 0
        for i0 in 0..<sh[0] {
            let a0 = i0 &* sa[0]
            let b0 = i0 &* sb[0]
            for i1 in 0..<sh[1] {
                let a1 = a0 &+ i1 &* sa[1]
                let b1 = b0 &+ i1 &* sb[1]
                for i2 in 0..<sh[2] {
                    let a2 = a1 &+ i2 &* sa[2]
                    let b2 = b1 &+ i2 &* sb[2]
                    for i3 in 0..<sh[3] {
                        out[k] = pa[a2 &+ i3 &* sa[3]] * pb[b2 &+ i3 &* sb[3]]
                        k &+= 1
                    }
                }
            }
        }
        return contiguousCascadeSum(UnsafePointer(out), n)
    }
}

/// A subscript whose ints are affine in a loop variable j: each int (or slice bound) is
/// `constant + coefficient * j`. Up to four parts, held inline.
public struct AffineIndex {
    var count = 0
    /// As `SmallIndex.kinds`: 0 int, 1 slice; bits 2/4/8 flag a present start/stop/step.
    var kinds = Int4()
    var constants = (Int4(), Int4(), Int4())
    var coefficients = (Int4(), Int4(), Int4())

    public init() {}

    /// Appends an int part. Precondition: fewer than four parts so far.
    public mutating func appendInt(_ v: (constant: Int, coefficient: Int)) {
        precondition(count < SmallIndex.capacity, "AffineIndex is full")
        kinds[count] = 0
        constants.0[count] = v.constant
        coefficients.0[count] = v.coefficient
        count &+= 1
    }

    /// Appends a slice part; nil bounds are omitted ones. Precondition: fewer than four parts.
    public mutating func appendSlice(_ start: (constant: Int, coefficient: Int)?,
                                     _ stop: (constant: Int, coefficient: Int)?,
                                     _ step: (constant: Int, coefficient: Int)?) {
        precondition(count < SmallIndex.capacity, "AffineIndex is full")
        var k = 1
        if let start { k |= 2; constants.0[count] = start.constant; coefficients.0[count] = start.coefficient }
        if let stop { k |= 4; constants.1[count] = stop.constant; coefficients.1[count] = stop.coefficient }
        if let step { k |= 8; constants.2[count] = step.constant; coefficients.2[count] = step.coefficient }
        kinds[count] = k
        count &+= 1
    }

    /// The index at `j` into `out`; false when an int overflows (the general path then raises).
    @inline(__always)
    func evaluate(_ j: Int, into out: inout SmallIndex) -> Bool {
        var overflow = false
        @inline(__always) func at(_ c: Int, _ k: Int) -> Int {
            let (p, o1) = k.multipliedReportingOverflow(by: j)
            let (s, o2) = c.addingReportingOverflow(p)
            overflow = overflow || o1 || o2
            return s
        }
        out = SmallIndex()
        for d in 0..<count {
            let k = kinds[d]
            out.kinds[d] = k
            if k == 0 || (k & 2) != 0 { out.a[d] = at(constants.0[d], coefficients.0[d]) }
            if (k & 4) != 0 { out.b[d] = at(constants.1[d], coefficients.1[d]) }
            if (k & 8) != 0 { out.c[d] = at(constants.2[d], coefficients.2[d]) }
        }
        out.count = count
        return !overflow
    }
}

/// The loop kernel's form of `Y[t] = (A[a] * B[b]).sum()`, repeated for j = each value of a loop
/// variable: the three tensors' geometry and data pointers are read once, and each iteration only
/// does index arithmetic, the fused product sum and the element write. `run(j)` does exactly what
/// `smallBasicView`, `fusedMulSumValue` and `setElementIfPlain(_:fromZeroDim:)` do together, or
/// nothing (false) when any of them would answer nil/false. The caller keeps this object for one
/// loop and runs no other code between calls (no geometry, dtype, grad flag or grad mode changes).
public final class FusedStoreKernel {
    let target: Tensor
    let left: Tensor
    let right: Tensor
    let targetGeometry: SmallGeometry
    let leftGeometry: SmallGeometry
    let rightGeometry: SmallGeometry
    let leftBase: UnsafeMutableRawPointer
    let rightBase: UnsafeMutableRawPointer
    let isDouble: Bool
    let targetIndex: AffineIndex
    /// Nil for an operand used whole (a name, not a subscript).
    let leftIndex: AffineIndex?
    let rightIndex: AffineIndex?

    /// Nil when the product or the write can never take the fused path (rank > 4, dtypes that are
    /// not one float dtype, autograd on any of the three).
    public init?(target: Tensor, _ targetIndex: AffineIndex, left: Tensor, _ leftIndex: AffineIndex?,
                 right: Tensor, _ rightIndex: AffineIndex?) {
        let dt = left.dtype
        guard dt == right.dtype, dt == .float32 || dt == .float64, !GradMode.isEnabled
                || !(left.requiresGrad || right.requiresGrad || target.requiresGrad),
              let tg = target.smallGeometry, let lg = left.smallGeometry, let rg = right.smallGeometry
        else { return nil }
        self.target = target
        self.left = left
        self.right = right
        targetGeometry = tg
        leftGeometry = lg
        rightGeometry = rg
        leftBase = left.storage.data
        rightBase = right.storage.data
        isDouble = dt == .float64
        self.targetIndex = targetIndex
        self.leftIndex = leftIndex
        self.rightIndex = rightIndex
    }

    /// Runs iteration `j`. False when nothing was written and the general path must run it.
    public func run(_ j: Int) -> Bool {
        var si = SmallIndex()
        var a = leftGeometry
        if let leftIndex {
            guard leftIndex.evaluate(j, into: &si), let v = a.basicView(si) else { return false }
            a = v
        }
        var b = rightGeometry
        if let rightIndex {
            guard rightIndex.evaluate(j, into: &si), let v = b.basicView(si) else { return false }
            b = v
        }
        if a.rank != b.rank { return false }
        for d in 0..<a.rank where a.shape[d] != b.shape[d] { return false }
        let n = a.count
        if n == 0 || n > fusedMulSumLimit { return false }
        guard targetIndex.evaluate(j, into: &si), let off = targetGeometry.elementOffset(si) else { return false }
        let sum = isDouble
            ? stridedProductSum(Double.self, leftBase, a, rightBase, b, n)
            : Double(stridedProductSum(Float.self, leftBase, a, rightBase, b, n))
        return target.setElement(atOffset: off, .scalar(.double(sum)))
    }
}

extension Tensor {
    /// `sv` (a geometry from `smallBasicView` of this tensor) as a view tensor, the one
    /// `fastBasicView` makes. The caller guarantees no autograd history is needed
    /// (`!(requiresGrad && GradMode.isEnabled)`).
    public func viewTensor(_ sv: SmallView) -> Tensor {
        precondition(sv.tensor === self, "viewTensor: geometry of another tensor")
        let sh: [Int]
        let st: [Int]
        switch sv.rank {
        case 0: (sh, st) = ([], [])
        case 1: (sh, st) = ([sv.shape[0]], [sv.strides[0]])
        case 2: (sh, st) = ([sv.shape[0], sv.shape[1]], [sv.strides[0], sv.strides[1]])
        case 3:
            (sh, st) = ([sv.shape[0], sv.shape[1], sv.shape[2]], [sv.strides[0], sv.strides[1], sv.strides[2]])
        default:
            (sh, st) = ([sv.shape[0], sv.shape[1], sv.shape[2], sv.shape[3]],
                        [sv.strides[0], sv.strides[1], sv.strides[2], sv.strides[3]])
        }
        return makeView(shape: sh, strides: st, offset: sv.offset)
    }
}
