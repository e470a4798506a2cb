/// `where`, comparisons of whole tensors, nonzero, sort/topk, cumsum.
extension Tensor {
    /// `torch.where(cond, a, b)` without autograd.
    static func whereRaw(_ cond: Tensor, _ a: Operand, _ b: Operand) throws -> Tensor {
        if cond.dtype != .bool {
            throw TensorError.runtime(
                "where expected condition to be a boolean tensor, but got a tensor with dtype \(cond.dtype.scalarTypeName)")
        }
        let dt = resultType(a, b)
        var shape = cond.shape
        if let t = a.tensorValue { shape = try broadcastShapes(shape, t.shape) }
        if let t = b.tensorValue { shape = try broadcastShapes(shape, t.shape) }
        let out = try Tensor(allocating: shape, dtype: dt)
        // Materialise both branches as broadcast views in the result dtype, then select.
        func operandTensor(_ o: Operand) throws -> Tensor {
            switch o {
            case .tensor(let t): return try (t.dtype == dt ? t : t.to(dt).detachedAlias()).detachedAlias()
            case .scalar(let s): return try Tensor.full([], s, dtype: dt)
            }
        }
        let ta = try operandTensor(a)
        let tb = try operandTensor(b)
        func run<T: TensorElement>(_: T.Type) {
            let pc = cond.pointer(Bool.self)
            let pa = ta.pointer(T.self)
            let pb = tb.pointer(T.self)
            let po = out.pointer(T.self)
            var o = 0
            // The output is contiguous and iterate3 walks row-major, so outputs are sequential.
            iterate3(shape, cond, ta, tb) { c, x, y in
                po[o] = pc[c] ? pa[x] : pb[y]
                o += 1
            }
        }
        dispatchElement(dt) { run($0) }
        return out
    }

    /// `torch.where(cond, a, b)` (WhereBackward0).
    public static func `where`(_ cond: Tensor, _ a: Operand, _ b: Operand) throws -> Tensor {
        let out = try whereRaw(cond, a, b)
        let ta = a.tensorValue
        let tb = b.tensorValue
        let needs = (ta?.requiresGrad ?? false) || (tb?.requiresGrad ?? false)
        if needs && GradMode.isEnabled && out.dtype.isFloatingPoint {
            let c = cond.detachedAlias()
            let sa = ta?.shape
            let sb = tb?.shape
            record(out, "WhereBackward0", [nil, ta, tb], saves: true) { g, needs in
                [nil,
                 needs[1] ? try Tensor.whereRaw(c, .tensor(g), .scalar(.int(0))).sumToShape(sa ?? []) : nil,
                 needs[2] ? try Tensor.whereRaw(c, .scalar(.int(0)), .tensor(g)).sumToShape(sb ?? []) : nil]
            }
        }
        return out
    }

    /// `torch.equal(a, b)`: same shape and same values (after promotion).
    public static func equal(_ a: Tensor, _ b: Tensor) throws -> Bool {
        if a.shape != b.shape { return false }
        let e = try binaryRaw(.eq, .tensor(a), .tensor(b))
        return try e.all().item().boolValue
    }

    /// `torch.isclose(a, b, rtol, atol, equal_nan)`: |a - b| <= atol + rtol * |b|.
    public static func isclose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false) throws -> Tensor {
        if a.dtype != b.dtype {
            throw TensorError.runtime("\(a.dtype.scalarTypeName) did not match \(b.dtype.scalarTypeName)")
        }
        let shape = try broadcastShapes(a.shape, b.shape)
        let out = try Tensor(allocating: shape, dtype: .bool)
        let ca = try a.expand(shape).detachedAlias()
        let cb = try b.expand(shape).detachedAlias()
        let po = out.pointer(Bool.self)
        func run<T: TensorElement>(_: T.Type) {
            let pa = ca.pointer(T.self)
            let pb = cb.pointer(T.self)
            var o = 0
            iterate3(shape, ca, cb, cb) { x, y, _ in
                let u = pa[x].asDouble
                let v = pb[y].asDouble
                if u == v {
                    po[o] = true
                } else if u.isNaN || v.isNaN {
                    po[o] = equalNan && u.isNaN && v.isNaN
                } else if !u.isFinite || !v.isFinite {
                    po[o] = false
                } else {
                    po[o] = Swift.abs(u - v) <= atol + rtol * Swift.abs(v)
                }
                o += 1
            }
        }
        dispatchElement(a.dtype) { run($0) }
        return out
    }

    /// `torch.allclose`.
    public static func allclose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false) throws -> Bool {
        try isclose(a, b, rtol: rtol, atol: atol, equalNan: equalNan).all().item().boolValue
    }

    /// `nonzero()`: int64 [n, rank] coordinates of nonzero elements, row-major.
    public func nonzero() throws -> Tensor {
        let b = dtype == .bool ? self : try Tensor.binaryRaw(.ne, .tensor(self), .scalar(.int(0)))
        let pb = b.pointer(Bool.self)
        var coords: [Int64] = []
        var found = 0
        let r = rank
        var idx = [Int](repeating: 0, count: r)
        let sh = shape
        iterate3(sh, b, b, b) { o, _, _ in
            if pb[o] {
                for k in 0..<r { coords.append(Int64(idx[k])) }
                found += 1
            }
            var k = r - 1
            while k >= 0 {
                idx[k] += 1
                if idx[k] < sh[k] { break }
                idx[k] = 0
                k -= 1
            }
        }
        return try Tensor(shape: [found, r], typed: coords, dtype: .int64)
    }

    /// `sort(dim, descending)` → (values, indices); stable.
    public func sort(dim: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        if rank == 0 { return (try clone(), try Tensor.zeros([], dtype: .int64)) }
        let d = try normalizeDim(dim, rank: rank)
        let moved = try transpose(d, -1).contiguousRaw()
        let n = shape[d]
        let rows = n == 0 ? 0 : moved.count / n
        let vals = try Tensor(allocating: moved.shape, dtype: dtype)
        let idxs = try Tensor(allocating: moved.shape, dtype: .int64)
        let pi = idxs.pointer(Int64.self)
        func run<T: TensorElement>(_: T.Type, _ less: (T, T) -> Bool) {
            let src = moved.pointer(T.self)
            let dst = vals.pointer(T.self)
            var order = [Int](repeating: 0, count: n)
            for r in 0..<rows {
                let base = r * n
                for i in 0..<n { order[i] = i }
                // Stable sort: ties keep index order; NaN sorts as the largest value.
                order.sort { x, y in
                    let a = src[base + x]
                    let b = src[base + y]
                    if descending {
                        if less(b, a) { return true }
                        if less(a, b) { return false }
                    } else {
                        if less(a, b) { return true }
                        if less(b, a) { return false }
                    }
                    return x < y
                }
                for i in 0..<n {
                    dst[base + i] = src[base + order[i]]
                    pi[base + i] = Int64(order[i])
                }
            }
        }
        switch dtype {
        case .float32: run(Float.self) { a, b in (!a.isNaN && b.isNaN) || a < b }
        case .float64: run(Double.self) { a, b in (!a.isNaN && b.isNaN) || a < b }
        case .uint8: run(UInt8.self, <)
        case .int8: run(Int8.self, <)
        case .int16: run(Int16.self, <)
        case .int32: run(Int32.self, <)
        case .int64: run(Int64.self, <)
        case .bool: run(Bool.self) { a, b in !a && b }
        }
        let v = try vals.transpose(d, -1).contiguousRaw()
        let i = try idxs.transpose(d, -1).contiguousRaw()
        if shouldRecord(self) && dtype.isFloatingPoint {
            let inShape = shape
            let dt = dtype
            record(v, "SortBackward0", [self], saves: true) { g, _ in
                [try Tensor.scatterAlong(d, indices: i, values: g, shape: inShape, dtype: dt, keepdim: true)]
            }
        }
        return (v, i)
    }

    /// `topk(k, dim, largest, sorted)` → (values, indices).
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        let d = try normalizeDim(dim, rank: rank)
        if rank == 0 {
            // A 0-d tensor is a one-element row: compute on a 1-d view, then drop the added dim.
            let (v, i) = try unsqueeze(0).topk(k, dim: 0, largest: largest)
            return (try v.squeeze(0), try i.squeeze(0))
        }
        let size = rank == 0 ? 1 : shape[d]
        if k < 0 || k > size { throw TensorError.runtime("selected index k out of range") }
        let (v, i) = try GradMode.withDisabled { try sort(dim: d, descending: largest) }
        let vk = try v.slice(d, start: 0, stop: k).contiguousRaw()
        let ik = try i.slice(d, start: 0, stop: k).contiguousRaw()
        if shouldRecord(self) && dtype.isFloatingPoint {
            let inShape = shape
            let dt = dtype
            record(vk, "TopkBackward0", [self], saves: true) { g, _ in
                [try Tensor.scatterAlong(d, indices: ik, values: g, shape: inShape, dtype: dt, keepdim: true)]
            }
        }
        return (vk, ik)
    }

    /// `cumsum(dim)`: ints and bools accumulate in int64.
    public func cumsum(_ dim: Int, dtype: DType? = nil) throws -> Tensor {
        let d = try normalizeDim(dim, rank: rank)
        let outDT = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        if rank == 0 { return try to(outDT).cloneContiguous() }
        let src = try to(outDT).transpose(d, -1).contiguousRaw()
        let n = shape[d]
        let out = try Tensor(allocating: src.shape, dtype: outDT)
        let rows = n == 0 ? 0 : src.count / n
        func run<T: TensorElement & Numeric>(_: T.Type, _ add: (T, T) -> T) {
            let ps = src.pointer(T.self)
            let po = out.pointer(T.self)
            for r in 0..<rows {
                var acc: T = 0
                for i in 0..<n {
                    acc = add(acc, ps[r * n + i])
                    po[r * n + i] = acc
                }
            }
        }
        switch outDT {
        case .float32: run(Float.self, +)
        case .float64: run(Double.self, +)
        case .uint8: run(UInt8.self, &+)
        case .int8: run(Int8.self, &+)
        case .int16: run(Int16.self, &+)
        case .int32: run(Int32.self, &+)
        case .int64: run(Int64.self, &+)
        case .bool: throw TensorError.notImplemented("\"cumsum_cpu\" not implemented for 'Bool'")
        }
        let result = try out.transpose(d, -1).contiguousRaw()
        if shouldRecord(self) && outDT.isFloatingPoint {
            record(result, "CumsumBackward0", [self]) { g, _ in
                // Reverse cumulative sum of the gradient.
                let flipped = try g.flip(d).cumsum(d)
                return [try flipped.flip(d)]
            }
        }
        return result
    }

    /// Reverses the order along `dim` (a copy, like torch.flip).
    public func flip(_ dim: Int) throws -> Tensor {
        let d = try normalizeDim(dim, rank: rank)
        if rank == 0 { return try cloneContiguous() }
        var st = strides
        // An empty tensor (whose strides may have wrapped) has nothing to reverse.
        if count == 0 { return try cloneContiguous() }
        let off = storageOffset + (shape[d] > 0 ? (shape[d] - 1) * st[d] : 0)
        st[d] = -st[d]
        let v = alias(shape: shape, strides: st, offset: off)
        let out = try v.cloneContiguous()
        if shouldRecord(self) {
            record(out, "FlipBackward0", [self]) { g, _ in [try g.flip(d)] }
        }
        return out
    }
}

/// Row-major iteration over `shape` yielding element offsets of three broadcast operands.
@inline(__always)
func iterate3(_ shape: [Int], _ a: Tensor, _ b: Tensor, _ c: Tensor, _ body: (Int, Int, Int) -> Void) {
    let sa = broadcastStrides(a, to: shape)
    let sb = broadcastStrides(b, to: shape)
    let sc = broadcastStrides(c, to: shape)
    let r = shape.count
    let n = shapeCount(shape)
    if n == 0 { return }
    if r == 0 {
        body(0, 0, 0)
        return
    }
    var idx = [Int](repeating: 0, count: r)
    var oa = 0
    var ob = 0
    var oc = 0
    let last = r - 1
    let inner = shape[last]
    let rows = n / inner
    for _ in 0..<rows {
        for i in 0..<inner { body(oa + i * sa[last], ob + i * sb[last], oc + i * sc[last]) }
        var k = last - 1
        while k >= 0 {
            idx[k] += 1
            oa += sa[k]
            ob += sb[k]
            oc += sc[k]
            if idx[k] < shape[k] { break }
            oa -= sa[k] * shape[k]
            ob -= sb[k] * shape[k]
            oc -= sc[k] * shape[k]
            idx[k] = 0
            k -= 1
        }
    }
}
