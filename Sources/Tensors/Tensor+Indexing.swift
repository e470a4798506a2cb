/// One item of a Python subscript `t[a, b:c, None, ..., idx]`.
public enum IndexItem {
    /// An integer: selects (removes) a dimension.
    case int(Int)
    /// `start:stop:step`, each optional; step must be positive.
    case slice(Int?, Int?, Int?)
    /// `None`: inserts a dimension of size 1.
    case none
    /// `...`
    case ellipsis
    /// An integer (int64/int32/…) or bool/uint8 mask tensor: advanced indexing (a copy).
    /// The interpreter turns Python lists of ints/bools into tensors first.
    case tensor(Tensor)
}

/// The basic (view) part of a subscript and the advanced index tensors that follow it.
private struct IndexPlan {
    enum BasicOp {
        case select(Int, Int)
        case slice(Int, Int?, Int?, Int)
        case unsqueeze(Int)
    }

    var ops: [BasicOp] = []
    /// (dim in the basic result, int64 index tensor) pairs.
    var advanced: [(dim: Int, index: Tensor)] = []
    var onlyEllipsis = false
}

extension Tensor {
    private func planIndex(_ items: [IndexItem]) throws -> IndexPlan {
        var plan = IndexPlan()
        // Count dims consumed by items other than None / Ellipsis.
        var consumed = 0
        var ellipses = 0
        for item in items {
            switch item {
            case .int, .slice: consumed += 1
            case .none: break
            case .ellipsis: ellipses += 1
            case .tensor(let t):
                if t.dtype == .bool || t.dtype == .uint8 { consumed += Swift.max(t.rank, 0) } else { consumed += 1 }
            }
        }
        if ellipses > 1 { throw TensorError.index("an index can only have a single ellipsis ('...')") }
        if consumed > rank { throw TensorError.index("too many indices for tensor of dimension \(rank)") }
        plan.onlyEllipsis = items.count == 1 && ellipses == 1
        var dim = 0  // current dim in the partially indexed result
        var shapeNow = shape  // shape of the partially indexed result
        for item in items {
            switch item {
            case .int(let i):
                let size = shapeNow[dim]
                if i < -size || i >= size {
                    throw TensorError.index("index \(i) is out of bounds for dimension \(dim) with size \(size)")
                }
                plan.ops.append(.select(dim, i))
                shapeNow.remove(at: dim)
            case .slice(let s, let e, let st):
                let step = st ?? 1
                if step <= 0 { throw TensorError.value("step must be greater than zero") }
                plan.ops.append(.slice(dim, s, e, step))
                dim += 1
            case .none:
                plan.ops.append(.unsqueeze(dim))
                shapeNow.insert(1, at: dim)
                dim += 1
            case .ellipsis:
                dim += rank - consumed
            case .tensor(let t):
                if t.dtype == .bool || t.dtype == .uint8 {
                    let k = t.rank
                    if k == 0 {
                        // A 0-d bool index adds a dim of size 1 (True) or 0 (False).
                        plan.ops.append(.unsqueeze(dim))
                        shapeNow.insert(1, at: dim)
                        let keep = try t.item().boolValue
                        plan.advanced.append((dim, try Tensor(shape: [keep ? 1 : 0], ints: keep ? [0] : [])))
                        dim += 1
                        continue
                    }
                    for j in 0..<k where t.shape[j] != shapeNow[dim + j] {
                        throw TensorError.index(
                            "The shape of the mask \(shapeString(t.shape)) at index \(j) does not match the shape of the "
                                + "indexed tensor \(shapeString(shapeNow)) at index \(dim + j)")
                    }
                    let nz = try t.nonzero()
                    for j in 0..<k {
                        plan.advanced.append((dim + j, try nz.select(1, j).contiguousRaw()))
                    }
                    dim += k
                } else if t.dtype.isIntegral {
                    if t.rank == 0 {
                        let i = try t.item().intValue
                        let size = shapeNow[dim]
                        if i < -size || i >= size {
                            throw TensorError.index("index \(i) is out of bounds for dimension \(dim) with size \(size)")
                        }
                        plan.ops.append(.select(dim, i))
                        shapeNow.remove(at: dim)
                    } else {
                        plan.advanced.append((dim, try t.to(.int64)))
                        dim += 1
                    }
                } else {
                    throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
                }
            }
        }
        return plan
    }

    /// Applies the basic ops through the recording view functions.
    private func applyBasic(_ plan: IndexPlan) throws -> Tensor {
        var v = self
        for op in plan.ops {
            switch op {
            case .select(let d, let i): v = try v.select(d, i)
            case .slice(let d, let s, let e, let st): v = try v.slice(d, start: s, stop: e, step: st)
            case .unsqueeze(let d): v = try v.unsqueeze(d)
            }
        }
        if plan.onlyEllipsis {
            v = makeView(shape: shape, strides: strides, offset: storageOffset)
            if shouldRecord(self) { record(v, "AliasBackward0", [self]) { g, _ in [g] } }
        }
        return v
    }

    /// Element offsets (relative to `geometry`'s base) of the advanced-index result, and its shape.
    private static func advancedOffsets(
        _ adv: [(dim: Int, index: Tensor)], shape: [Int], strides: [Int]
    ) throws -> (shape: [Int], offsets: [Int]) {
        var bshape: [Int] = []
        for a in adv {
            do {
                bshape = try broadcastShapes(bshape, a.index.shape)
            } catch {
                let shapes = adv.map { shapeString($0.index.shape) }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
        }
        // The offset tables are as big as the result: count them against the tensor memory limit
        // first, so a huge index result raises the allocation error instead of trapping in malloc.
        let tableBytes = try TensorMemory.checkedCount(bshape, itemSize: MemoryLayout<Int>.stride) * MemoryLayout<Int>.stride
        try TensorMemory.reserve(tableBytes)
        defer { TensorMemory.release(tableBytes) }
        let bcount = shapeCount(bshape)
        // Per broadcast position: the summed offset of all advanced dims.
        var base = [Int](repeating: 0, count: bcount)
        for a in adv {
            let size = shape[a.dim]
            let stride = strides[a.dim]
            let idx = try a.index.expand(bshape).detachedAlias()
            let p = idx.pointer(Int64.self)
            var k = 0
            var failure: TensorError? = nil
            iterate3(bshape, idx, idx, idx) { o, _, _ in
                var i = Int(p[o])
                if i < -size || i >= size {
                    if failure == nil {
                        failure = TensorError.index("index \(i) is out of bounds for dimension \(a.dim) with size \(size)")
                    }
                    i = 0
                }
                if i < 0 { i += size }
                base[k] += i * stride
                k += 1
            }
            if let failure { throw failure }
        }
        let dims = adv.map { $0.dim }.sorted()
        let consecutive = zip(dims, dims.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let advSet = Set(dims)
        var pre: [(Int, Int)] = []
        var post: [(Int, Int)] = []
        for d in 0..<shape.count where !advSet.contains(d) {
            if consecutive && d < dims[0] { pre.append((shape[d], strides[d])) } else { post.append((shape[d], strides[d])) }
        }
        let resultShape = pre.map { $0.0 } + bshape + post.map { $0.0 }
        let resultBytes = try TensorMemory.checkedCount(resultShape, itemSize: MemoryLayout<Int>.stride) * MemoryLayout<Int>.stride
        try TensorMemory.reserve(resultBytes)
        defer { TensorMemory.release(resultBytes) }
        // An empty result has no offsets; the pre/post walks alone could be huge.
        if resultBytes == 0 { return (resultShape, []) }
        var offsets: [Int] = []
        offsets.reserveCapacity(shapeCount(resultShape))
        let preOffsets = odometerOffsets(pre)
        let postOffsets = odometerOffsets(post)
        for po in preOffsets {
            for b in base {
                for q in postOffsets { offsets.append(po + b + q) }
            }
        }
        return (resultShape, offsets)
    }

    /// All offsets of a row-major walk over (size, stride) dims.
    private static func odometerOffsets(_ dims: [(Int, Int)]) -> [Int] {
        // An empty dim means no offsets at all; walking the others first could allocate the
        // product of huge sizes of a tensor that holds nothing.
        if dims.contains(where: { $0.0 == 0 }) { return [] }
        var out = [0]
        for (size, stride) in dims {
            var next: [Int] = []
            next.reserveCapacity(out.count * size)
            for o in out {
                for i in 0..<size { next.append(o + i * stride) }
            }
            out = next
        }
        return out
    }

    /// Fast path of `index` for subscripts made only of ints and slices (at most one per dim) on a
    /// tensor that records no history: the view's geometry in one pass, one tensor object.
    /// Returns nil (the caller takes the general path, which also reports errors) for anything else:
    /// other items, out-of-range ints, non-positive steps, or a tensor that would record autograd.
    func fastBasicView(_ items: [IndexItem]) -> Tensor? {
        let r = rank
        if items.count > r || shouldRecord(self) { return nil }
        let sh0 = shape
        let st0 = strides
        var sh: [Int] = []
        var st: [Int] = []
        sh.reserveCapacity(r)
        st.reserveCapacity(r)
        var off = storageOffset
        var d = 0
        for item in items {
            switch item {
            case .int(let i):
                let size = sh0[d]
                if i < -size || i >= size { return nil }
                off &+= (i < 0 ? i &+ size : i) &* st0[d]
            case .slice(let start, let stop, let stepOrNil):
                let step = stepOrNil ?? 1
                if step <= 0 { return nil }
                // Python clamping, as `slice(_:start:stop:step:)`.
                let size = sh0[d]
                var s = start ?? 0
                var e = stop ?? size
                if s < 0 { s &+= size }
                if e < 0 { e &+= size }
                s = Swift.min(Swift.max(s, 0), size)
                e = Swift.min(Swift.max(e, s), size)
                // (e - s - 1) / step + 1: cannot wrap for a huge user step.
                let len = e == s ? 0 : (e &- s &- 1) / step &+ 1
                sh.append(len)
                st.append(len > 1 ? st0[d] &* step : st0[d])
                off &+= s &* st0[d]
            case .none, .ellipsis, .tensor:
                return nil
            }
            d &+= 1
        }
        while d < r {
            sh.append(sh0[d])
            st.append(st0[d])
            d &+= 1
        }
        return makeView(shape: sh, strides: st, offset: off)
    }

    /// The storage offset of the single element `items` (one int per dim) selects, or nil when the
    /// items are not exactly `rank` in-range ints.
    func fastElementOffset(_ items: [IndexItem]) -> Int? {
        guard items.count == rank else { return nil }
        return elementOffset { d in
            if case .int(let i) = items[d] { return i }
            return nil
        }
    }

    /// The storage offset of the element whose index along dim d is `index(d)` (Python's
    /// negative indices allowed), or nil when some `index(d)` is nil or out of range. The
    /// caller has checked that it has exactly `rank` parts.
    @inline(__always)
    func elementOffset(_ index: (Int) -> Int?) -> Int? {
        let sh0 = shape
        let st0 = strides
        var off = storageOffset
        for d in 0..<rank {
            guard let i = index(d) else { return nil }
            let size = sh0[d]
            if i < -size || i >= size { return nil }
            off &+= (i < 0 ? i &+ size : i) &* st0[d]
        }
        return off
    }

    /// The element at the view's origin as a Scalar (what `scalar(atFlat: 0)` gives), with one
    /// dtype switch instead of a generic dispatch.
    @inline(__always)
    func firstElementScalar() -> Scalar {
        let p = rawPointer
        switch dtype {
        case .float32: return .double(Double(p.assumingMemoryBound(to: Float.self)[0]))
        case .float64: return .double(p.assumingMemoryBound(to: Double.self)[0])
        case .int64: return .int(Int(p.assumingMemoryBound(to: Int64.self)[0]))
        case .int32: return .int(Int(p.assumingMemoryBound(to: Int32.self)[0]))
        case .int16: return .int(Int(p.assumingMemoryBound(to: Int16.self)[0]))
        case .int8: return .int(Int(p.assumingMemoryBound(to: Int8.self)[0]))
        case .uint8: return .int(Int(p.assumingMemoryBound(to: UInt8.self)[0]))
        case .bool: return .bool(p.assumingMemoryBound(to: Bool.self)[0])
        }
    }

    /// `t[items]`: basic indexing returns a view sharing storage; tensor items give an advanced-indexing copy.
    public func index(_ items: [IndexItem]) throws -> Tensor {
        if let v = fastBasicView(items) { return v }
        let plan = try planIndex(items)
        let v = try applyBasic(plan)
        if plan.advanced.isEmpty { return v }
        let (rshape, offsets) = try Tensor.advancedOffsets(plan.advanced, shape: v.shape, strides: v.strides)
        let out = try Tensor(allocating: rshape, dtype: dtype)
        func gather<T: TensorElement>(_: T.Type) {
            let src = v.pointer(T.self)
            let dst = out.pointer(T.self)
            for (i, o) in offsets.enumerated() { dst[i] = src[o] }
        }
        dispatchElement(dtype) { gather($0) }
        if shouldRecord(v) {
            let vshape = v.shape
            let (_, flat) = try Tensor.advancedOffsets(plan.advanced, shape: vshape, strides: contiguousStrides(vshape))
            let dt = dtype
            record(out, "IndexBackward0", [v], saves: true) { g, _ in
                let z = try Tensor.zeros(vshape, dtype: dt)
                let gc = try g.contiguousRaw()
                func scatterAdd<T: FloatElement>(_: T.Type) {
                    let pz = z.pointer(T.self)
                    let pg = gc.pointer(T.self)
                    for (i, o) in flat.enumerated() { pz[o] += pg[i] }
                }
                if dt == .float32 { scatterAdd(Float.self) } else { scatterAdd(Double.self) }
                return [z]
            }
        }
        return out
    }

    /// `t[items] = value` (setitem): writes through the basic view, or index_put_ for tensor items.
    /// Records history (CopySlices / IndexPutBackward0) when the value or `t` requires grad.
    public func indexPut(_ items: [IndexItem], _ value: Operand) throws {
        // Fast path: one element set from a Python number or a 0-d tensor (of another storage),
        // with no autograd to record: the same write `fill_` does through the one-element view.
        if let off = fastElementOffset(items), setElement(atOffset: off, value) { return }
        // Basic subscripts on a tensor that records no view history: the view `applyBasic` would
        // build (same geometry and base), made in one pass. (No items means `self` itself there.)
        if !items.isEmpty, let v = fastBasicView(items) {
            if case .tensor(let t) = value, t.shape != v.shape {
                _ = try GradMode.withDisabled { try t.expand(v.shape) }
            }
            try v.assign(value)
            return
        }
        let plan = try planIndex(items)
        let v = plan.ops.isEmpty ? self : try applyBasic(plan)
        if plan.advanced.isEmpty {
            if case .tensor(let t) = value, t.shape != v.shape {
                // PyTorch's message for a value that cannot broadcast to the slice.
                _ = try GradMode.withDisabled { try t.expand(v.shape) }
            }
            try v.assign(value)
            return
        }
        let (rshape, offsets) = try Tensor.advancedOffsets(plan.advanced, shape: v.shape, strides: v.strides)
        let (_, flat) = try Tensor.advancedOffsets(plan.advanced, shape: v.shape, strides: contiguousStrides(v.shape))
        var valueTensor: Tensor
        switch value {
        case .scalar(let s): valueTensor = try Tensor.full([], s, dtype: dtype)
        case .tensor(let t): valueTensor = t
        }
        let expanded: Tensor
        do {
            expanded = try GradMode.withDisabled { try valueTensor.expand(rshape) }
        } catch {
            throw TensorError.runtime(
                "shape mismatch: value tensor of shape \(shapeString(valueTensor.shape)) cannot be broadcast to indexing "
                    + "result of shape \(shapeString(rshape))")
        }
        let dt = dtype
        func scatter(into target: Tensor, offsets: [Int]) throws {
            let src = try expanded.to(dt).contiguousRaw()
            func run<T: TensorElement>(_: T.Type) {
                let pd = target.pointer(T.self)
                let ps = src.pointer(T.self)
                for (i, o) in offsets.enumerated() { pd[o] = ps[i] }
            }
            dispatchElement(dt) { run($0) }
        }
        try v.applyInPlace(others: [valueTensor], direct: {
            try scatter(into: v, offsets: offsets)
        }, compute: { snap in
            let r = try snap.cloneContiguous()
            try scatter(into: r, offsets: flat)
            let vshape = v.shape
            let valueShape = valueTensor.shape
            record(r, "IndexPutBackward0", [snap, valueTensor]) { g, needs in
                let gc = try g.cloneContiguous()
                var gv: Tensor? = nil
                if needs[1] {
                    let picked = try Tensor(allocating: rshape, dtype: g.dtype)
                    func gather<T: TensorElement>(_: T.Type) {
                        let pg = gc.pointer(T.self)
                        let pp = picked.pointer(T.self)
                        for (i, o) in flat.enumerated() { pp[i] = pg[o] }
                    }
                    dispatchElement(g.dtype) { gather($0) }
                    gv = try picked.sumToShape(valueShape)
                }
                func zeroOut<T: TensorElement>(_: T.Type) {
                    let pg = gc.pointer(T.self)
                    for o in flat { pg[o] = T.zero }
                }
                dispatchElement(g.dtype) { zeroOut($0) }
                _ = vshape
                return [needs[0] ? gc : nil, gv]
            }
            return r
        })
    }
}
