/// Shape and view operations. Views share storage; each records its PyTorch grad_fn.
extension Tensor {
    /// A view of this tensor with other geometry, remembering the root base for in-place autograd.
    func makeView(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        let v = alias(shape: shape, strides: strides, offset: offset)
        v.viewBase = viewBase ?? self
        return v
    }

    // MARK: view / reshape

    /// Resolves one `-1` and validates a requested shape against `count` elements.
    func inferShape(_ requested: [Int]) throws -> [Int] {
        var inferred: Int? = nil
        var product = 1
        var overflow = false
        for (i, d) in requested.enumerated() {
            if d == -1 {
                if inferred != nil { throw TensorError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if d < 0 {
                throw TensorError.runtime("invalid shape dimension \(d) at index \(i) of shape \(shapeString(requested))")
            } else {
                let (p, o) = product.multipliedReportingOverflow(by: d)
                product = p
                overflow = overflow || o
            }
        }
        let n = count
        var out = requested
        if let i = inferred {
            if product == 0 {
                if n == 0 {
                    throw TensorError.runtime(
                        "cannot reshape tensor of 0 elements into shape \(shapeString(requested)) because the "
                            + "unspecified dimension size -1 can be any value and is ambiguous")
                }
            } else if !overflow && n % product == 0 {
                out[i] = n / product
                return out
            }
        } else if !overflow && product == n {
            return out
        } else if overflow {
            throw TensorError.runtime("numel: integer multiplication overflow")
        }
        throw TensorError.runtime("shape '\(shapeString(requested))' is invalid for input of size \(n)")
    }

    /// Strides for viewing this tensor's memory with `newShape`, or nil (PyTorch's computeStride).
    func viewStrides(_ newShape: [Int]) -> [Int]? {
        let oldShape = shape
        let oldStrides = strides
        if oldShape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
        let numel = count
        if numel == 0 && oldShape == newShape { return oldStrides }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        if numel == 0 {
            var d = newShape.count - 1
            while d >= 0 {
                newStrides[d] = d == newShape.count - 1 ? 1 : Swift.max(newShape[d + 1], 1) &* newStrides[d + 1]
                d -= 1
            }
            return newStrides
        }
        var viewD = newShape.count - 1
        var chunkBase = oldStrides[oldStrides.count - 1]
        var tensorNumel = 1
        var viewNumel = 1
        var tensorD = oldShape.count - 1
        while tensorD >= 0 {
            tensorNumel *= oldShape[tensorD]
            if tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel &* chunkBase) {
                while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                    newStrides[viewD] = viewNumel &* chunkBase
                    viewNumel *= newShape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if tensorD > 0 {
                    chunkBase = oldStrides[tensorD - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
            tensorD -= 1
        }
        if viewD != -1 { return nil }
        return newStrides
    }

    /// `view(*shape)`: a view with a new shape, or PyTorch's error when the strides don't allow it.
    public func view(_ requested: [Int]) throws -> Tensor {
        let newShape = try inferShape(requested)
        guard let st = viewStrides(newShape) else {
            throw TensorError.runtime(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans "
                    + "across two contiguous subspaces). Use .reshape(...) instead.")
        }
        return viewRecorded(newShape, st, "ViewBackward0")
    }

    private func viewRecorded(_ newShape: [Int], _ st: [Int], _ name: String) -> Tensor {
        let v = makeView(shape: newShape, strides: st, offset: storageOffset)
        if shouldRecord(self) {
            let inShape = shape
            record(v, name, [self]) { g, _ in [try g.reshape(inShape)] }
        }
        return v
    }

    /// `reshape(*shape)`: a view when possible, otherwise a copy (UnsafeViewBackward0).
    public func reshape(_ requested: [Int]) throws -> Tensor {
        let newShape = try inferShape(requested)
        if let st = viewStrides(newShape) {
            return viewRecorded(newShape, st, "ViewBackward0")
        }
        let c = try cloneContiguous()
        let out = c.alias(shape: newShape, strides: contiguousStrides(newShape), offset: 0)
        if shouldRecord(self) {
            let inShape = shape
            record(out, "UnsafeViewBackward0", [self]) { g, _ in [try g.reshape(inShape)] }
        }
        return out
    }

    /// `flatten(start_dim, end_dim)`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        if rank == 0 { return try reshape([1]) }
        let s = try normalizeDim(startDim, rank: rank)
        let e = try normalizeDim(endDim, rank: rank)
        if s > e { throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim") }
        if s == e { return self }
        var newShape = Array(shape[0..<s])
        var prod = 1
        // Wrapping is safe: a tensor's element count fits in an Int, and one zero dim makes it 0
        // (the other dims of an empty tensor may multiply past Int's range; found by fuzzing).
        for d in s...e { prod = prod &* shape[d] }
        if shape[s...e].contains(0) { prod = 0 }
        newShape.append(prod)
        newShape.append(contentsOf: shape[(e + 1)...])
        return try reshape(newShape)
    }

    /// `unflatten(dim, sizes)`.
    public func unflatten(_ dim: Int, _ sizes: [Int]) throws -> Tensor {
        if rank == 0 { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
        let d = try normalizeDim(dim, rank: rank)
        var newShape = Array(shape[0..<d])
        newShape.append(contentsOf: sizes)
        newShape.append(contentsOf: shape[(d + 1)...])
        return try view(newShape)
    }

    // MARK: squeeze / unsqueeze

    /// `squeeze()` (all size-1 dims) or `squeeze(dim)`.
    public func squeeze(_ dim: Int? = nil) throws -> Tensor {
        var newShape: [Int] = []
        var newStrides: [Int] = []
        if let dim {
            let d = try normalizeDim(dim, rank: rank)
            for i in 0..<rank where !(i == d && shape[i] == 1) {
                newShape.append(shape[i])
                newStrides.append(strides[i])
            }
        } else {
            for i in 0..<rank where shape[i] != 1 {
                newShape.append(shape[i])
                newStrides.append(strides[i])
            }
        }
        let v = makeView(shape: newShape, strides: newStrides, offset: storageOffset)
        if shouldRecord(self) {
            let inShape = shape
            record(v, dim == nil ? "SqueezeBackward0" : "SqueezeBackward1", [self]) { g, _ in [try g.reshape(inShape)] }
        }
        return v
    }

    /// `unsqueeze(dim)`; dim in [-rank-1, rank].
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try normalizeDim(dim, rank: rank + 1)
        var newShape = shape
        var newStrides = strides
        // Wrapping: only an empty tensor's (unused) strides can be big enough to overflow here
        // (found by fuzzing: huge strides from indexing a zero-size dim, then unsqueeze).
        let st = d < rank ? strides[d] &* shape[d] : 1
        newShape.insert(1, at: d)
        newStrides.insert(st, at: d)
        let v = makeView(shape: newShape, strides: newStrides, offset: storageOffset)
        if shouldRecord(self) {
            record(v, "UnsqueezeBackward0", [self]) { g, _ in [try g.squeeze(d)] }
        }
        return v
    }

    // MARK: permute / transpose

    /// `permute(*dims)`.
    public func permute(_ dims: [Int]) throws -> Tensor {
        try permute(dims, name: "PermuteBackward0")
    }

    private func permute(_ dims: [Int], name: String) throws -> Tensor {
        if dims.count != rank {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the "
                    + "desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)")
        }
        var seen = [Bool](repeating: false, count: rank)
        var perm = [Int](repeating: 0, count: rank)
        for (i, d) in dims.enumerated() {
            let n = try normalizeDim(d, rank: rank)
            if seen[n] { throw TensorError.runtime("permute(): duplicate dims are not allowed.") }
            seen[n] = true
            perm[i] = n
        }
        let v = makeView(shape: perm.map { shape[$0] }, strides: perm.map { strides[$0] }, offset: storageOffset)
        if shouldRecord(self) {
            var inverse = [Int](repeating: 0, count: perm.count)
            for (i, p) in perm.enumerated() { inverse[p] = i }
            record(v, name, [self]) { g, _ in [try g.permute(inverse)] }
        }
        return v
    }

    /// `transpose(dim0, dim1)`.
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        try transpose(dim0, dim1, name: "TransposeBackward0")
    }

    private func transpose(_ dim0: Int, _ dim1: Int, name: String) throws -> Tensor {
        let a = try normalizeDim(dim0, rank: rank)
        let b = try normalizeDim(dim1, rank: rank)
        var sh = shape
        var st = strides
        if rank > 0 {
            sh.swapAt(a, b)
            st.swapAt(a, b)
        }
        let v = makeView(shape: sh, strides: st, offset: storageOffset)
        if shouldRecord(self) {
            record(v, name, [self]) { g, _ in [try g.transpose(a, b)] }
        }
        return v
    }

    /// `t()`: transpose of a ≤ 2-D tensor.
    public func t() throws -> Tensor {
        if rank > 2 { throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(rank)D") }
        return try transpose(0, rank == 2 ? 1 : 0, name: "TBackward0")
    }

    /// `.T`: all dims reversed.
    public func reversedDims() throws -> Tensor {
        try permute(Array((0..<rank).reversed()), name: "PermuteBackward0")
    }

    /// `.mT`: the last two dims swapped.
    public func mT() throws -> Tensor {
        if rank < 2 {
            throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. Got \(rank)-D tensor.")
        }
        return try transpose(-2, -1)
    }

    // MARK: expand

    /// `expand(*sizes)`: broadcast view (stride 0 on expanded dims); -1 keeps a size.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        if sizes.count < rank {
            throw TensorError.runtime(
                "expand(\(dtype.legacyTypeName){\(shapeString(shape))}, size=\(shapeString(sizes))): the number of sizes "
                    + "provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let lead = sizes.count - rank
        var newShape = sizes
        var newStrides = [Int](repeating: 0, count: sizes.count)
        for i in 0..<sizes.count {
            let s = sizes[i]
            if i < lead {
                if s < 0 {
                    throw TensorError.runtime(
                        "The expanded size of the tensor (\(s)) isn't allowed in a leading, non-existing dimension \(i)")
                }
                newStrides[i] = 0
            } else {
                let d = shape[i - lead]
                if s == -1 || s == d {
                    newShape[i] = d
                    newStrides[i] = strides[i - lead]
                } else if d == 1 && s >= 0 {
                    newStrides[i] = 0
                } else {
                    throw TensorError.runtime(
                        "The expanded size of the tensor (\(s)) must match the existing size (\(d)) at non-singleton "
                            + "dimension \(i).  Target sizes: \(shapeString(sizes)).  Tensor sizes: \(shapeString(shape))")
                }
            }
        }
        let v = makeView(shape: newShape, strides: newStrides, offset: storageOffset)
        if shouldRecord(self) {
            let inShape = shape
            record(v, "ExpandBackward0", [self]) { g, _ in [try g.sumToShape(inShape)] }
        }
        return v
    }

    /// `expand_as(other)`.
    public func expandAs(_ other: Tensor) throws -> Tensor { try expand(other.shape) }

    // MARK: select / slice / narrow

    /// `select(dim, index)` (`t[i]` along a dim), negative index allowed.
    public func select(_ dim: Int, _ index: Int) throws -> Tensor {
        if rank == 0 { throw TensorError.index("select() cannot be applied to a 0-dim tensor.") }
        let d = try normalizeDim(dim, rank: rank)
        let size = shape[d]
        if index < -size || index >= size {
            throw TensorError.index("index \(index) is out of bounds for dimension \(d) with size \(size)")
        }
        let i = index < 0 ? index + size : index
        var sh = shape
        var st = strides
        // Wrapping: an empty tensor's strides may have wrapped (huge sizes times a zero dim) and
        // are never used to address anything; a non-empty tensor's cannot overflow here.
        let off = storageOffset &+ i &* st[d]
        sh.remove(at: d)
        st.remove(at: d)
        let v = makeView(shape: sh, strides: st, offset: off)
        if shouldRecord(self) {
            let inShape = shape
            let dt = dtype
            record(v, "SelectBackward0", [self]) { g, _ in
                let z = try Tensor.zeros(inShape, dtype: dt)
                copyElements(from: g, to: try z.select(d, i))
                return [z]
            }
        }
        return v
    }

    /// Basic slicing `start:stop:step` along `dim` with Python clamping; step must be positive.
    public func slice(_ dim: Int, start: Int?, stop: Int?, step: Int = 1, name: String = "SliceBackward0") throws -> Tensor {
        if step <= 0 { throw TensorError.value("step must be greater than zero") }
        if rank == 0 { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        let d = try normalizeDim(dim, rank: rank)
        let size = shape[d]
        var s = start ?? 0
        var e = stop ?? size
        if s < 0 { s += size }
        if e < 0 { e += size }
        s = Swift.min(Swift.max(s, 0), size)
        e = Swift.min(Swift.max(e, s), size)
        // No overflow for huge user steps: len ≥ 2 implies step < size, so the stride fits.
        let len = e == s ? 0 : (e - s - 1) / step + 1
        var sh = shape
        var st = strides
        sh[d] = len
        // Wrapping, as in `select`: only an empty tensor's (unused) strides can wrap.
        let off = storageOffset &+ s &* st[d]
        if len > 1 { st[d] = st[d] &* step }
        let v = makeView(shape: sh, strides: st, offset: off)
        if shouldRecord(self) {
            let inShape = shape
            let dt = dtype
            record(v, name, [self]) { g, _ in
                let z = try Tensor.zeros(inShape, dtype: dt)
                copyElements(from: g, to: try z.slice(d, start: s, stop: e, step: step))
                return [z]
            }
        }
        return v
    }

    /// `narrow(dim, start, length)`.
    public func narrow(_ dim: Int, _ start: Int, _ length: Int) throws -> Tensor {
        if rank == 0 { throw TensorError.runtime("narrow() cannot be applied to a 0-dim tensor.") }
        let d = try normalizeDim(dim, rank: rank)
        let size = shape[d]
        let s = start < 0 ? start + size : start
        if s < 0 || s > size {
            throw TensorError.index("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        if length < 0 || length > size - s {
            throw TensorError.runtime("start (\(s)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return try slice(d, start: s, stop: s + length)
    }

    /// `split(split_size, dim)`: pieces of `size` (the last may be smaller).
    public func split(_ size: Int, dim: Int = 0) throws -> [Tensor] {
        if rank == 0 { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try normalizeDim(dim, rank: rank)
        if size < 0 { throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(size)") }
        let n = shape[d]
        if size == 0 {
            if n == 0 { return [self] }
            throw TensorError.runtime("split_size can only be 0 if dimension size is 0, but got dimension size of \(n)")
        }
        var out: [Tensor] = []
        var s = 0
        repeat {
            out.append(try slice(d, start: s, stop: Swift.min(s + size, n), name: "SplitBackward0"))
            s += size
        } while s < n
        return out
    }

    /// `split([sizes], dim)` with explicit section sizes.
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        if rank == 0 { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
        let d = try normalizeDim(dim, rank: rank)
        // Checked sum: huge user sizes must not trap, and a total that overflows is a mismatch
        // (a wrapped sum could come back to the dimension's size).
        var total = 0
        var overflow = false
        for size in sizes {
            let (t, o) = total.addingReportingOverflow(size)
            total = t
            overflow = overflow || o
        }
        if overflow || total != shape[d] || sizes.contains(where: { $0 < 0 }) {
            throw TensorError.runtime(
                "split_with_sizes expects split_sizes to sum exactly to \(shape[d]) (input tensor's size at dimension "
                    + "\(d)), but got split_sizes=\(shapeString(sizes))")
        }
        var out: [Tensor] = []
        var s = 0
        for sz in sizes {
            out.append(try slice(d, start: s, stop: s + sz, name: "SplitWithSizesBackward0"))
            s += sz
        }
        return out
    }

    /// `chunk(chunks, dim)`.
    public func chunk(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        if chunks <= 0 { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        if rank == 0 { throw TensorError.runtime("chunk expects at least a 1-dimensional tensor") }
        let d = try normalizeDim(dim, rank: rank)
        let size = chunks >= shape[d] ? 1 : (shape[d] + chunks - 1) / chunks
        return try split(Swift.max(size, 1), dim: d)
    }

    /// `unbind(dim)`.
    public func unbind(_ dim: Int = 0) throws -> [Tensor] {
        if rank == 0 { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
        let d = try normalizeDim(dim, rank: rank)
        return try (0..<shape[d]).map { try select(d, $0) }
    }

    // MARK: copies

    /// `contiguous()`: self when already contiguous, else a copy (CloneBackward0).
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try clone()
    }

    /// `clone()`: a contiguous copy (CloneBackward0).
    public func clone() throws -> Tensor {
        let out = try cloneContiguous()
        if shouldRecord(self) {
            record(out, "CloneBackward0", [self]) { g, _ in [g] }
        }
        return out
    }

    /// A contiguous copy without autograd.
    func cloneContiguous() throws -> Tensor {
        let out = try Tensor(allocating: shape, dtype: dtype)
        if isContiguous {
            out.rawPointer.copyMemory(from: rawPointer, byteCount: count * dtype.itemSize)
        } else {
            copyElements(from: self, to: out)
        }
        return out
    }

    /// Copy without autograd (for gradient bookkeeping).
    func cloneRaw() throws -> Tensor { try cloneContiguous() }

    /// This tensor if contiguous, else a contiguous copy (no autograd).
    func contiguousRaw() throws -> Tensor {
        isContiguous ? self : try cloneContiguous()
    }

    /// `to(dtype)` / `.float()` / `.long()`…: self when the dtype already matches, else a converted
    /// copy (ToCopyBackward0). float → int truncates toward zero; → bool is `!= 0`.
    public func to(_ dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        let out = try Tensor(allocating: shape, dtype: dtype)
        copyElements(from: self, to: out)
        if shouldRecord(self) && dtype.isFloatingPoint {
            let src = self.dtype
            record(out, "ToCopyBackward0", [self]) { g, _ in [try g.to(src)] }
        }
        return out
    }

    /// `as_strided` view with explicit geometry (bounds are checked against the storage).
    public func asStrided(_ size: [Int], _ stride: [Int], offset: Int? = nil) throws -> Tensor {
        let off = offset ?? storageOffset
        guard size.count == stride.count else {
            throw TensorError.runtime("mismatch in length of strides and shape")
        }
        if off < 0 { throw TensorError.runtime("Tensor: invalid storage offset \(off)") }
        var maxIndex = off
        var overflow = false
        for (d, s) in zip(size, stride) {
            if d < 0 { throw TensorError.runtime("Trying to create tensor with negative dimension \(d): \(shapeString(size))") }
            if s < 0 { throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: \(shapeString(stride))") }
            if d == 0 { maxIndex = -1; overflow = false; break }
            // Huge user sizes/strides must not trap: an overflowing extent is out of bounds.
            let (span, o1) = (d - 1).multipliedReportingOverflow(by: s)
            let (sum, o2) = maxIndex.addingReportingOverflow(span)
            overflow = overflow || o1 || o2
            maxIndex = sum
        }
        let capacity = storage.byteCount / dtype.itemSize
        if overflow || maxIndex >= capacity {
            if overflow { maxIndex = Int.max / 2 / Swift.max(dtype.itemSize, 1) }
            throw TensorError.runtime(
                "setStorage: sizes \(shapeString(size)), strides \(shapeString(stride)), storage offset \(off), and "
                    + "itemsize \(dtype.itemSize) requiring a storage size of \((maxIndex + 1) * dtype.itemSize) are out "
                    + "of bounds for storage of size \(storage.byteCount)")
        }
        let v = makeView(shape: size, strides: stride, offset: off)
        if shouldRecord(self) {
            let base = Geometry(self)
            let viewGeo = Geometry(shape: size, strides: stride, offset: off)
            record(v, "AsStridedBackward0", [self]) { g, _ in [try asStridedBackward(g, base: base, view: viewGeo)] }
        }
        return v
    }
}

/// Shape, strides and storage offset of a tensor, kept by nodes that must rebuild a geometry.
struct Geometry {
    var shape: [Int]
    var strides: [Int]
    var offset: Int

    init(_ t: Tensor) {
        shape = t.shape
        strides = t.strides
        offset = t.storageOffset
    }

    init(shape: [Int], strides: [Int], offset: Int) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// Elements of storage needed to hold this geometry.
    var storageExtent: Int {
        var m = offset
        for (d, s) in zip(shape, strides) {
            if d == 0 { return offset }
            m += (d - 1) * s
        }
        return m + 1
    }
}

/// A zero tensor laid out like `base` over a fresh storage, plus a view of it laid out like `view`.
func zerosMirroring(base: Geometry, view: Geometry, dtype: DType) throws -> (Tensor, Tensor) {
    let extent = Swift.max(base.storageExtent, view.storageExtent)
    let storage = try TensorStorage.allocate(byteCount: extent * dtype.itemSize, zeroed: true)
    let b = Tensor(storage: storage, dtype: dtype, shape: base.shape, strides: base.strides, offset: base.offset)
    let v = Tensor(storage: storage, dtype: dtype, shape: view.shape, strides: view.strides, offset: view.offset)
    return (b, v)
}

/// Gradient of an as_strided view: scatter-add `grad` into zeros shaped like the base.
func asStridedBackward(_ grad: Tensor, base: Geometry, view: Geometry) throws -> Tensor {
    let (b, v) = try zerosMirroring(base: base, view: view, dtype: grad.dtype)
    try v.addInPlaceRaw(grad)
    return b.isContiguous && b.storageOffset == 0 ? b : try b.cloneContiguous()
}
