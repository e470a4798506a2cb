/// Reductions: sum, mean, prod, max/min (+ indices), amax/amin, argmax/argmin, var/std, all/any, norm.
extension Tensor {
    /// Normalised, deduplicated reduction dims (nil or empty → all dims).
    func reductionMask(_ dims: [Int]?) throws -> [Bool] {
        var mask = [Bool](repeating: dims == nil || dims!.isEmpty, count: rank)
        if let dims, !dims.isEmpty {
            for d in dims {
                let n = try normalizeDim(d, rank: rank)
                if rank == 0 { continue }
                if mask[n] { throw TensorError.runtime("dim \(n) appears multiple times in the list of dims") }
                mask[n] = true
            }
        }
        return mask
    }

    /// Output shape of a reduction.
    func reducedShape(_ mask: [Bool], keepdim: Bool) -> [Int] {
        var out: [Int] = []
        for i in 0..<rank {
            if mask[i] {
                if keepdim { out.append(1) }
            } else {
                out.append(shape[i])
            }
        }
        return out
    }

    /// Calls `body(outIndex, baseOffset, reducedPlan)` for each output element (row-major over kept dims).
    /// `reducedPlan` iterates the reduced elements (operand 0 = input strides) in row-major order.
    func forEachReduction(_ mask: [Bool], _ body: (Int, Int, LoopPlan) -> Void) {
        var keptShape: [Int] = []
        var keptStrides: [Int] = []
        var redShape: [Int] = []
        var redStrides: [Int] = []
        for i in 0..<rank {
            if mask[i] {
                redShape.append(shape[i])
                redStrides.append(strides[i])
            } else {
                keptShape.append(shape[i])
                keptStrides.append(strides[i])
            }
        }
        let redPlan = LoopPlan(shape: redShape, redStrides)
        let outCount = shapeCount(keptShape)
        if outCount == 0 { return }
        var idx = [Int](repeating: 0, count: keptShape.count)
        var off = 0
        for o in 0..<outCount {
            body(o, off, redPlan)
            var k = keptShape.count - 1
            while k >= 0 {
                idx[k] += 1
                off += keptStrides[k]
                if idx[k] < keptShape[k] { break }
                off -= keptStrides[k] * keptShape[k]
                idx[k] = 0
                k -= 1
            }
        }
    }

    // MARK: sum / mean

    /// `sum()` / `sum(dim, keepdim, dtype)`: int and bool sum to int64.
    public func sum(dims: [Int]? = nil, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        let mask: [Bool]
        let out: Tensor
        if dims?.isEmpty ?? true, !keepdim, dtype == nil || dtype == self.dtype, self.dtype.isFloatingPoint {
            // Fast path for the full sum of a float tensor (`t.sum()`): the same cascade, without
            // the mask/shape arrays of the general path; the 0-d result shares the empty arrays.
            var m: [Bool] = []
            m.reserveCapacity(rank)
            for _ in 0..<rank { m.append(true) }
            mask = m
            out = try Tensor(allocatingValid: [], strides: [], count: 1, dtype: self.dtype)
            if self.dtype == .float32 {
                out.pointer(Float.self)[0] = 0
                cascadeSum(Float.self, input: self, reduced: mask, output: out)
            } else {
                out.pointer(Double.self)[0] = 0
                cascadeSum(Double.self, input: self, reduced: mask, output: out)
            }
        } else {
            mask = try reductionMask(dims)
            out = try sumRaw(mask, keepdim: keepdim, dtype: dtype)
        }
        if shouldRecord(self) && out.dtype.isFloatingPoint {
            let inShape = shape
            let all = dims == nil
            record(out, all ? "SumBackward0" : "SumBackward1", [self]) { g, _ in
                [try g.expandReduced(mask, keepdim: keepdim, to: inShape)]
            }
        }
        return out
    }

    func sumRaw(_ mask: [Bool], keepdim: Bool, dtype: DType? = nil) throws -> Tensor {
        let outDT = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let src = self.dtype == outDT ? self : try to(outDT).detachedAlias()
        let keptShape = zip(shape, mask).map { $1 ? 1 : $0 }
        let out = try Tensor(allocating: keptShape, dtype: outDT, zeroed: true)
        switch outDT {
        case .float32: cascadeSum(Float.self, input: src, reduced: mask, output: out)
        case .float64: cascadeSum(Double.self, input: src, reduced: mask, output: out)
        case .bool, .uint8, .int8, .int16, .int32, .int64:
            func run<T: TensorElement>(_: T.Type) where T: FixedWidthInteger {
                let po = out.pointer(T.self)
                let pi = src.pointer(T.self)
                src.forEachReduction(mask) { o, base, plan in
                    var acc: T = 0
                    plan.forEachRow { n, off, _, _ in
                        let s = plan.inner0
                        for i in 0..<n { acc &+= pi[base + off + i * s] }
                    }
                    po[o] = acc
                }
            }
            switch outDT {
            case .uint8: run(UInt8.self)
            case .int8: run(Int8.self)
            case .int16: run(Int16.self)
            case .int32: run(Int32.self)
            case .int64: run(Int64.self)
            case .bool:
                // sum(dtype=bool): any nonzero.
                return try Tensor.binaryRaw(.ne, .tensor(try src.to(.int64).sumRaw(mask, keepdim: keepdim)), .scalar(.int(0)))
            case .float32, .float64: break
            }
        }
        return keepdim ? out : out.alias(shape: reducedShape(mask, keepdim: false),
                                         strides: contiguousStrides(reducedShape(mask, keepdim: false)), offset: 0)
    }

    /// `mean()` / `mean(dim, keepdim)`: floating dtypes only.
    public func mean(dims: [Int]? = nil, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        let outDT = dtype ?? self.dtype
        if !outDT.isFloatingPoint {
            throw TensorError.notImplemented(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. "
                    + "Got: \(outDT.scalarTypeName)")
        }
        let mask = try reductionMask(dims)
        var n = 1
        for i in 0..<rank where mask[i] { n *= shape[i] }
        let s = try sumRaw(mask, keepdim: keepdim, dtype: outDT)
        let out = try Tensor.binaryRaw(.div, .tensor(s), .scalar(.int(n)), out: s)
        if shouldRecord(self) {
            let inShape = shape
            record(out, dims == nil ? "MeanBackward0" : "MeanBackward1", [self]) { g, _ in
                [try g.expandReduced(mask, keepdim: keepdim, to: inShape).divScalarRaw(Double(n))]
            }
        }
        return out
    }

    /// Expands a reduced gradient back to `shape` (unsqueezing reduced dims when keepdim was false).
    func expandReduced(_ mask: [Bool], keepdim: Bool, to shape: [Int]) throws -> Tensor {
        var g = self
        if !keepdim {
            let kept = zip(shape, mask).map { $1 ? 1 : $0 }
            g = try g.reshape(kept)
        }
        return try g.expand(shape).cloneContiguous()
    }

    func divScalarRaw(_ d: Double) throws -> Tensor {
        try Tensor.binaryRaw(.div, .tensor(self), .scalar(.double(d)))
    }

    /// Sums a broadcast gradient down to `shape` (leading dims and size-1 dims).
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        guard lead >= 0 else { return try expand(target) }
        var mask = [Bool](repeating: false, count: rank)
        for i in 0..<rank {
            if i < lead { mask[i] = true } else if target[i - lead] == 1 && shape[i] != 1 { mask[i] = true }
        }
        let s = try sumRaw(mask, keepdim: true)
        return try s.reshape(target)
    }

    // MARK: prod

    /// `prod()` / `prod(dim, keepdim)`: int and bool give int64.
    public func prod(dim: Int? = nil, keepdim: Bool = false, dtype: DType? = nil) throws -> Tensor {
        let mask = try reductionMask(dim.map { [$0] })
        let outDT = dtype ?? (self.dtype.isFloatingPoint ? self.dtype : .int64)
        let src = self.dtype == outDT ? self : try to(outDT).detachedAlias()
        let out = try Tensor(allocating: src.reducedShape(mask, keepdim: keepdim), dtype: outDT)
        func run<T: TensorElement & Numeric>(_: T.Type, _ mul: @escaping (T, T) -> T) {
            let po = out.pointer(T.self)
            let pi = src.pointer(T.self)
            src.forEachReduction(mask) { o, base, plan in
                var acc: T = 1
                plan.forEachRow { n, off, _, _ in
                    for i in 0..<n { acc = mul(acc, pi[base + off + i * plan.inner0]) }
                }
                po[o] = acc
            }
        }
        switch outDT {
        case .float32: run(Float.self, *)
        case .float64: run(Double.self, *)
        case .uint8: run(UInt8.self, &*)
        case .int8: run(Int8.self, &*)
        case .int16: run(Int16.self, &*)
        case .int32: run(Int32.self, &*)
        case .int64: run(Int64.self, &*)
        case .bool: return try Tensor.binaryRaw(.ne, .tensor(try src.to(.int64).prod(dim: dim, keepdim: keepdim)), .scalar(.int(0)))
        }
        if shouldRecord(self) && outDT.isFloatingPoint {
            let sx = SavedTensor(self)
            let so = SavedTensor(out)
            let inShape = shape
            record(out, dim == nil ? "ProdBackward0" : "ProdBackward1", [self], saves: true) { g, _ in
                let x = try sx.unpack()
                let r = try so.unpack().expandReduced(mask, keepdim: keepdim, to: inShape)
                let ge = try g.expandReduced(mask, keepdim: keepdim, to: inShape)
                // grad * prod / x (exact when no element is zero).
                return [try Tensor.binaryRaw(.div, .tensor(try ge.mulRaw(.tensor(r))), .tensor(x))]
            }
        }
        return out
    }

    // MARK: max / min

    private func extremeRaw(_ mask: [Bool], keepdim: Bool, isMax: Bool, wantIndex: Bool) throws -> (Tensor, Tensor?) {
        let outShape = reducedShape(mask, keepdim: keepdim)
        let values = try Tensor(allocating: outShape, dtype: dtype)
        let indices = wantIndex ? try Tensor(allocating: outShape, dtype: .int64) : nil
        let pidx = indices?.pointer(Int64.self)
        func run<T: TensorElement & Comparable>(_: T.Type, isNaN: @escaping (T) -> Bool) {
            let po = values.pointer(T.self)
            let pi = pointer(T.self)
            forEachReduction(mask) { o, base, plan in
                var best = pi[base]
                var bestIndex = 0
                var k = 0
                var done = false
                plan.forEachRow { n, off, _, _ in
                    if done { return }
                    for i in 0..<n {
                        let v = pi[base + off + i * plan.inner0]
                        if isNaN(v) {
                            best = v
                            bestIndex = k
                            done = true
                            return
                        }
                        if isMax ? v > best : v < best {
                            best = v
                            bestIndex = k
                        }
                        k += 1
                    }
                }
                po[o] = best
                pidx?[o] = Int64(bestIndex)
            }
        }
        switch dtype {
        case .float32: run(Float.self) { $0.isNaN }
        case .float64: run(Double.self) { $0.isNaN }
        case .uint8: run(UInt8.self) { _ in false }
        case .int8: run(Int8.self) { _ in false }
        case .int16: run(Int16.self) { _ in false }
        case .int32: run(Int32.self) { _ in false }
        case .int64: run(Int64.self) { _ in false }
        case .bool:
            let (v, i) = try to(.uint8).extremeRaw(mask, keepdim: keepdim, isMax: isMax, wantIndex: wantIndex)
            return (try v.to(.bool), i)
        }
        return (values, indices)
    }

    private func checkNonEmptyReduction(_ name: String, dim: Int?) throws {
        if let dim {
            let d = try normalizeDim(dim, rank: rank)
            if rank > 0 && shape[d] == 0 {
                throw TensorError.index("\(name)(): Expected reduction dim \(d) to have non-zero size.")
            }
        } else if count == 0 {
            throw TensorError.runtime(
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim "
                    + "with the 'dim' argument.")
        }
    }

    /// `max()` over all elements (MaxBackward1).
    public func max() throws -> Tensor { try extremeAll(isMax: true) }
    /// `min()` over all elements (MinBackward1).
    public func min() throws -> Tensor { try extremeAll(isMax: false) }

    private func extremeAll(isMax: Bool) throws -> Tensor {
        try checkNonEmptyReduction(isMax ? "max" : "min", dim: nil)
        let mask = [Bool](repeating: true, count: rank)
        let (v, _) = try extremeRaw(mask, keepdim: false, isMax: isMax, wantIndex: false)
        if shouldRecord(self) && dtype.isFloatingPoint {
            let sx = SavedTensor(self)
            let so = SavedTensor(v)
            record(v, isMax ? "MaxBackward1" : "MinBackward1", [self], saves: true) { g, _ in
                // evenly_distribute_backward: the gradient is shared among the tied extremes.
                let x = try sx.unpack()
                let r = try so.unpack()
                let hit = try Tensor.binaryRaw(.eq, .tensor(x), .tensor(r))
                let n = try hit.sumRaw([Bool](repeating: true, count: x.rank), keepdim: false)
                let share = try Tensor.binaryRaw(.div, .tensor(g), .tensor(n))
                return [try Tensor.whereRaw(hit, .tensor(share), .scalar(.int(0)))]
            }
        }
        return v
    }

    /// `max(dim, keepdim)` → (values, indices) (values record MaxBackward0).
    public func max(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeDim(dim, keepdim: keepdim, isMax: true)
    }

    /// `min(dim, keepdim)` → (values, indices).
    public func min(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeDim(dim, keepdim: keepdim, isMax: false)
    }

    private func extremeDim(_ dim: Int, keepdim: Bool, isMax: Bool) throws -> (values: Tensor, indices: Tensor) {
        try checkNonEmptyReduction(isMax ? "max" : "min", dim: dim)
        let mask = try reductionMask([dim])
        let (v, i) = try extremeRaw(mask, keepdim: keepdim, isMax: isMax, wantIndex: true)
        let indices = i.unsafelyUnwrapped
        if shouldRecord(self) && dtype.isFloatingPoint {
            let inShape = shape
            let d = try normalizeDim(dim, rank: rank)
            let dt = dtype
            record(v, isMax ? "MaxBackward0" : "MinBackward0", [self], saves: true) { g, _ in
                [try Tensor.scatterAlong(d, indices: indices, values: g, shape: inShape, dtype: dt, keepdim: keepdim)]
            }
        }
        return (v, indices)
    }

    /// Zeros of `shape` with `values` placed at `indices` along `dim` (value_selecting_reduction_backward).
    static func scatterAlong(_ dim: Int, indices: Tensor, values: Tensor, shape: [Int], dtype: DType, keepdim: Bool) throws -> Tensor {
        let out = try Tensor.zeros(shape, dtype: dtype)
        if shape.isEmpty {
            copyElements(from: values, to: out)
            return out
        }
        var idx = indices
        var val = values
        if !keepdim {
            idx = try idx.unsqueeze(dim)
            val = try val.unsqueeze(dim)
        }
        let ic = try idx.contiguousRaw()
        let vc = try val.to(dtype).contiguousRaw()
        let n = ic.count
        let ip = ic.pointer(Int64.self)
        let ishape = ic.shape
        let ostrides = out.strides
        func run<T: TensorElement>(_: T.Type) {
            let po = out.pointer(T.self)
            let pv = vc.pointer(T.self)
            for flat in 0..<n {
                var rem = flat
                var off = 0
                var k = ishape.count - 1
                while k >= 0 {
                    let c = rem % ishape[k]
                    rem /= ishape[k]
                    off += (k == dim ? Int(ip[flat]) : c) * ostrides[k]
                    k -= 1
                }
                po[off] = pv[flat]
            }
        }
        dispatchElement(dtype) { run($0) }
        return out
    }

    /// `amax(dims, keepdim)` / `amin`: gradient shared evenly among ties.
    public func amax(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try amaxmin(dims, keepdim, isMax: true) }
    public func amin(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try amaxmin(dims, keepdim, isMax: false) }

    private func amaxmin(_ dims: [Int]?, _ keepdim: Bool, isMax: Bool) throws -> Tensor {
        let mask = try reductionMask(dims)
        if count == 0 {
            throw TensorError.index("\(isMax ? "amax" : "amin")(): Expected reduction dim to have non-zero size.")
        }
        let (v, _) = try extremeRaw(mask, keepdim: keepdim, isMax: isMax, wantIndex: false)
        if shouldRecord(self) && dtype.isFloatingPoint {
            let sx = SavedTensor(self)
            let so = SavedTensor(v)
            let inShape = shape
            record(v, isMax ? "AmaxBackward0" : "AminBackward0", [self], saves: true) { g, _ in
                let x = try sx.unpack()
                let r = try so.unpack().expandReduced(mask, keepdim: keepdim, to: inShape)
                let hit = try Tensor.binaryRaw(.eq, .tensor(x), .tensor(r))
                let cnt = try hit.sumRaw(mask, keepdim: true).to(x.dtype)
                let ge = try g.expandReduced(mask, keepdim: keepdim, to: inShape)
                let share = try Tensor.binaryRaw(.div, .tensor(ge), .tensor(cnt))
                return [try Tensor.whereRaw(hit, .tensor(share), .scalar(.int(0)))]
            }
        }
        return v
    }

    /// `argmax(dim, keepdim)`; nil dim → index into the flattened tensor.
    public func argmax(dim: Int? = nil, keepdim: Bool = false) throws -> Tensor { try argExtreme(dim, keepdim, isMax: true) }
    public func argmin(dim: Int? = nil, keepdim: Bool = false) throws -> Tensor { try argExtreme(dim, keepdim, isMax: false) }

    private func argExtreme(_ dim: Int?, _ keepdim: Bool, isMax: Bool) throws -> Tensor {
        let name = isMax ? "argmax" : "argmin"
        if let dim {
            try checkNonEmptyReduction(name, dim: dim)
            let mask = try reductionMask([dim])
            return try extremeRaw(mask, keepdim: keepdim, isMax: isMax, wantIndex: true).1.unsafelyUnwrapped
        }
        if count == 0 {
            throw TensorError.runtime("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
        }
        let flat = try contiguousRaw().alias(shape: [count], strides: [1], offset: 0)
        let r = try flat.extremeRaw([true], keepdim: false, isMax: isMax, wantIndex: true).1.unsafelyUnwrapped
        if keepdim { return try r.reshape([Int](repeating: 1, count: rank)) }
        return r
    }

    // MARK: var / std

    /// `var(dims, correction, keepdim)` (correction 1 = unbiased, the default).
    public func variance(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varStd(dims, correction, keepdim, isStd: false)
    }

    /// `std(dims, correction, keepdim)`.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varStd(dims, correction, keepdim, isStd: true)
    }

    private func varStd(_ dims: [Int]?, _ correction: Double, _ keepdim: Bool, isStd: Bool) throws -> Tensor {
        if !dtype.isFloatingPoint {
            throw TensorError.notImplemented("std and var only support floating point and complex dtypes")
        }
        let mask = try reductionMask(dims)
        var n = 1
        for i in 0..<rank where mask[i] { n *= shape[i] }
        let out = try Tensor(allocating: reducedShape(mask, keepdim: keepdim), dtype: dtype)
        let denom = Swift.max(0, Double(n) - correction)
        func run<T: FloatElement>(_: T.Type) {
            let po = out.pointer(T.self)
            let pi = pointer(T.self)
            forEachReduction(mask) { o, base, plan in
                // Two passes in double precision, rounded once.
                var s = 0.0
                plan.forEachRow { m, off, _, _ in
                    for i in 0..<m { s += pi[base + off + i * plan.inner0].asDouble }
                }
                let mean = s / Double(n)
                var ss = 0.0
                plan.forEachRow { m, off, _, _ in
                    for i in 0..<m {
                        let d = pi[base + off + i * plan.inner0].asDouble - mean
                        ss += d * d
                    }
                }
                let v = ss / denom
                po[o] = T.cast(isStd ? v.squareRoot() : v)
            }
        }
        if dtype == .float32 { run(Float.self) } else { run(Double.self) }
        if shouldRecord(self) {
            let sx = SavedTensor(self)
            let so = SavedTensor(out)
            let inShape = shape
            record(out, isStd ? "StdBackward0" : "VarBackward0", [self], saves: true) { g, _ in
                let x = try sx.unpack()
                let m = try x.sumRaw(mask, keepdim: true).divScalarRaw(Double(n))
                let centered = try Tensor.binaryRaw(.sub, .tensor(x), .tensor(m))
                var ge = try g.expandReduced(mask, keepdim: keepdim, to: inShape)
                if isStd {
                    let r = try so.unpack().expandReduced(mask, keepdim: keepdim, to: inShape)
                    ge = try Tensor.binaryRaw(.div, .tensor(ge), .tensor(try r.mulRaw(.scalar(.double(denom)))))
                    return [try ge.mulRaw(.tensor(centered))]
                }
                return [try ge.mulRaw(.tensor(centered)).mulRaw(.scalar(.double(2 / denom)))]
            }
        }
        return out
    }

    // MARK: all / any

    /// `all()` / `all(dim)`: bool result (uint8 input gives uint8).
    public func all(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try allAny(dims, keepdim, isAll: true) }
    /// `any()` / `any(dim)`.
    public func any(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor { try allAny(dims, keepdim, isAll: false) }

    private func allAny(_ dims: [Int]?, _ keepdim: Bool, isAll: Bool) throws -> Tensor {
        let mask = try reductionMask(dims)
        let b = dtype == .bool ? self : try Tensor.binaryRaw(.ne, .tensor(self), .scalar(.int(0)))
        let out = try Tensor(allocating: b.reducedShape(mask, keepdim: keepdim), dtype: .bool)
        let po = out.pointer(Bool.self)
        let pi = b.pointer(Bool.self)
        b.forEachReduction(mask) { o, base, plan in
            var acc = isAll
            plan.forEachRow { n, off, _, _ in
                for i in 0..<n {
                    let v = pi[base + off + i * plan.inner0]
                    if isAll { acc = acc && v } else { acc = acc || v }
                }
            }
            po[o] = acc
        }
        return dtype == .uint8 ? try out.to(.uint8) : out
    }

    // MARK: norm

    /// `norm(p, dim, keepdim)` / `torch.linalg.vector_norm` (LinalgVectorNormBackward0).
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        if !dtype.isFloatingPoint {
            throw TensorError.notImplemented(
                "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let mask = try reductionMask(dims)
        let out = try Tensor(allocating: reducedShape(mask, keepdim: keepdim), dtype: dtype)
        func run<T: FloatElement>(_: T.Type) {
            let po = out.pointer(T.self)
            let pi = pointer(T.self)
            forEachReduction(mask) { o, base, plan in
                var acc = 0.0
                var mx = 0.0
                var mn = Double.infinity
                var nonzero = 0.0
                plan.forEachRow { m, off, _, _ in
                    for i in 0..<m {
                        let a = Swift.abs(pi[base + off + i * plan.inner0].asDouble)
                        if p == 2 { acc += a * a } else if p == 1 { acc += a } else if p.isFinite && p != 0 {
                            acc += Double.fpow(a, p)
                        }
                        mx = Swift.max(mx, a)
                        mn = Swift.min(mn, a)
                        if a != 0 { nonzero += 1 }
                    }
                }
                let r: Double
                if p == 2 { r = acc.squareRoot() } else if p == 1 { r = acc } else if p == .infinity { r = mx } else if p == -.infinity {
                    r = mn
                } else if p == 0 { r = nonzero } else { r = Double.fpow(acc, 1 / p) }
                po[o] = T.cast(r)
            }
        }
        if dtype == .float32 { run(Float.self) } else { run(Double.self) }
        if shouldRecord(self) {
            let sx = SavedTensor(self)
            let so = SavedTensor(out)
            let inShape = shape
            record(out, "LinalgVectorNormBackward0", [self], saves: true) { g, _ in
                let x = try sx.unpack()
                let r = try so.unpack().expandReduced(mask, keepdim: keepdim, to: inShape)
                let ge = try g.expandReduced(mask, keepdim: keepdim, to: inShape)
                if p == 2 {
                    let q = try Tensor.binaryRaw(.div, .tensor(x), .tensor(r))
                    let zero = try Tensor.binaryRaw(.eq, .tensor(r), .scalar(.int(0)))
                    return [try Tensor.whereRaw(zero, .scalar(.int(0)), .tensor(try ge.mulRaw(.tensor(q))))]
                }
                if p == 1 { return [try ge.mulRaw(.tensor(try x.unaryRaw(.sign)))] }
                // General p: x * |x|^(p-2) / norm^(p-1)
                let ax = try x.unaryRaw(.abs)
                let num = try x.mulRaw(.tensor(try Tensor.binaryRaw(.pow, .tensor(ax), .scalar(.double(p - 2)))))
                let den = try Tensor.binaryRaw(.pow, .tensor(r), .scalar(.double(p - 1)))
                return [try ge.mulRaw(.tensor(try Tensor.binaryRaw(.div, .tensor(num), .tensor(den))))]
            }
        }
        return out
    }
}
