/// Factory functions (`torch.tensor`, `zeros`, `ones`, `full`, `empty`, `arange`, `linspace`, `eye`, `*_like`).
extension Tensor {
    /// `torch.tensor(values).reshape(shape)`: flat row-major scalars. A nil `dtype` infers like
    /// torch.tensor: any float → float32, else any int → int64, else bool.
    public convenience init(shape: [Int], scalars: [Scalar], dtype: DType? = nil) throws {
        let n = try TensorMemory.checkedCount(shape, itemSize: 8)
        guard n == scalars.count else {
            throw TensorError.runtime("shape '\(shapeString(shape))' is invalid for input of size \(scalars.count)")
        }
        let dt = dtype ?? Tensor.inferDType(scalars)
        try self.init(allocating: shape, dtype: dt)
        func fill<T: TensorElement>(_: T.Type) {
            let p = pointer(T.self)
            for i in 0..<n { p[i] = T(scalar: scalars[i]) }
        }
        dispatchElement(dt) { fill($0) }
    }

    /// The dtype torch.tensor infers for a list of Python scalars.
    public static func inferDType(_ scalars: [Scalar]) -> DType {
        var cat = 0
        for s in scalars { cat = Swift.max(cat, s.category) }
        return cat == 2 ? .float32 : cat == 1 ? .int64 : (scalars.isEmpty ? .float32 : .bool)
    }

    /// A 0-d tensor holding `value` (dtype inferred like torch.tensor unless given).
    public convenience init(scalar value: Scalar, dtype: DType? = nil) throws {
        try self.init(shape: [], scalars: [value], dtype: dtype)
    }

    /// A float32 tensor from Swift floats.
    public convenience init(shape: [Int], floats: [Float]) throws {
        try self.init(shape: shape, typed: floats, dtype: .float32)
    }

    /// A float64 tensor from Swift doubles.
    public convenience init(shape: [Int], doubles: [Double]) throws {
        try self.init(shape: shape, typed: doubles, dtype: .float64)
    }

    /// An int64 tensor from Swift integers.
    public convenience init(shape: [Int], ints: [Int]) throws {
        try self.init(shape: shape, typed: ints.map { Int64($0) }, dtype: .int64)
    }

    /// A bool tensor from Swift bools.
    public convenience init(shape: [Int], bools: [Bool]) throws {
        try self.init(shape: shape, typed: bools, dtype: .bool)
    }

    convenience init<T: TensorElement>(shape: [Int], typed values: [T], dtype: DType) throws {
        let n = try TensorMemory.checkedCount(shape, itemSize: dtype.itemSize)
        guard n == values.count else {
            throw TensorError.runtime("shape '\(shapeString(shape))' is invalid for input of size \(values.count)")
        }
        try self.init(allocating: shape, dtype: dtype)
        let p = pointer(T.self)
        values.withUnsafeBufferPointer { src in
            for i in 0..<n { p[i] = src[i] }
        }
    }

    /// `torch.zeros`. PyTorch's factory validates negative sizes with its own message.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        if shape.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("zeros: Dimension size must be non-negative.")
        }
        return try Tensor(allocating: shape, dtype: dtype, zeroed: true)
    }

    /// `torch.ones`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.empty` (contents are zero here, which is one valid "uninitialised" value).
    public static func empty(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try Tensor(allocating: shape, dtype: dtype, zeroed: true)
    }

    /// `torch.full`; a nil dtype infers from the fill value (bool → bool, int → int64, float → float32).
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        let dt = dtype ?? value.defaultDType
        let t = try Tensor(allocating: shape, dtype: dt)
        t.fillRaw(value)
        return t
    }

    /// `torch.zeros_like` and friends keep shape and (unless given) dtype; results are contiguous.
    public static func zerosLike(_ t: Tensor, dtype: DType? = nil) throws -> Tensor {
        try Tensor(allocating: t.shape, dtype: dtype ?? t.dtype, zeroed: true)
    }

    public static func onesLike(_ t: Tensor, dtype: DType? = nil) throws -> Tensor {
        try full(t.shape, .int(1), dtype: dtype ?? t.dtype)
    }

    public static func fullLike(_ t: Tensor, _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try full(t.shape, value, dtype: dtype ?? t.dtype)
    }

    public static func emptyLike(_ t: Tensor, dtype: DType? = nil) throws -> Tensor {
        try Tensor(allocating: t.shape, dtype: dtype ?? t.dtype, zeroed: true)
    }

    /// `torch.arange(start, end, step)`: length ceil((end - start) / step); int64 unless any argument
    /// is a float (then float32) or a dtype is given.
    public static func arange(_ start: Scalar, _ end: Scalar, _ step: Scalar = .int(1), dtype: DType? = nil) throws -> Tensor {
        let anyFloat = start.isFloating || end.isFloating || step.isFloating
        let dt = dtype ?? (anyFloat ? .float32 : .int64)
        let s = start.doubleValue
        let e = end.doubleValue
        let st = step.doubleValue
        if st == 0 { throw TensorError.runtime("step must be nonzero") }
        if !s.isFinite || !e.isFinite {
            throw TensorError.runtime("unsupported range: \(s) -> \(e)")
        }
        if (st > 0 && e < s) || (st < 0 && e > s) {
            throw TensorError.runtime("upper bound and lower bound inconsistent with step sign")
        }
        let n: Int
        if !anyFloat {
            // Exact integer arithmetic, as PyTorch does for integral arguments.
            let (si, ei, sti) = (start.intValue, end.intValue, step.intValue)
            let (diff, o) = ei.subtractingReportingOverflow(si)
            if o { throw TensorError.runtime("Storage size calculation overflowed with sizes=[\(diff)]") }
            n = sti > 0 ? (diff + sti - 1) / sti : (diff + sti + 1) / sti
        } else {
            let len = ((e - s) / st).rounded(.up)
            guard len < 9.2e18 else {
                throw TensorError.runtime("invalid size, possible overflow?")
            }
            n = Int(len)
        }
        let t = try Tensor(allocating: [n], dtype: dt)
        func fill<T: TensorElement>(_: T.Type) {
            let p = t.pointer(T.self)
            if dt.isFloatingPoint || anyFloat {
                // PyTorch computes start + i * step in the accumulate type (double for float32 here).
                for i in 0..<n { p[i] = T.cast(s + Double(i) * st) }
            } else {
                let si = Int64(start.intValue)
                let sti = Int64(step.intValue)
                for i in 0..<n { p[i] = T.cast(si &+ Int64(i) &* sti) }
            }
        }
        dispatchElement(dt) { fill($0) }
        return t
    }

    /// `torch.linspace(start, end, steps)`, float32 unless a dtype is given.
    public static func linspace(_ start: Scalar, _ end: Scalar, steps: Int, dtype: DType? = nil) throws -> Tensor {
        if steps < 0 { throw TensorError.runtime("linspace(): number of steps must be non-negative") }
        let dt = dtype ?? .float32
        let t = try Tensor(allocating: [steps], dtype: dt)
        let s = start.doubleValue
        let e = end.doubleValue
        let step = steps > 1 ? (e - s) / Double(steps - 1) : 0
        let half = steps / 2
        func fill<T: TensorElement>(_: T.Type) {
            let p = t.pointer(T.self)
            // PyTorch fills the first half from the start and the second half from the end.
            if dt == .float32 {
                let sf = Float(s)
                let ef = Float(e)
                let stf = Float(step)
                for i in 0..<steps {
                    let v: Float = i < half ? sf + stf * Float(i) : ef - stf * Float(steps - i - 1)
                    p[i] = T.cast(v)
                }
            } else {
                for i in 0..<steps {
                    let v = i < half ? s + step * Double(i) : e - step * Double(steps - i - 1)
                    p[i] = T.cast(v)
                }
            }
        }
        dispatchElement(dt) { fill($0) }
        return t
    }

    /// `torch.eye(n, m)`.
    public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float32) throws -> Tensor {
        let cols = m ?? n
        if n < 0 { throw TensorError.runtime("n must be greater or equal to 0, got \(n)") }
        if cols < 0 { throw TensorError.runtime("m must be greater or equal to 0, got \(cols)") }
        let t = try Tensor(allocating: [n, cols], dtype: dtype, zeroed: true)
        func fill<T: TensorElement>(_: T.Type) {
            let p = t.pointer(T.self)
            for i in 0..<Swift.min(n, cols) { p[i * cols + i] = T.one }
        }
        dispatchElement(dtype) { fill($0) }
        return t
    }

    /// Writes `value` (cast to dtype) into every element, without autograd or version bump.
    func fillRaw(_ value: Scalar) {
        func fill<T: TensorElement>(_: T.Type) {
            let v = T(scalar: value)
            let p = pointer(T.self)
            if isContiguous {
                let n = count
                for i in 0..<n { p[i] = v }
            } else {
                let plan = LoopPlan(shape: shape, strides)
                plan.forEachRow { n, o, _, _ in
                    let s = plan.inner0
                    for i in 0..<n { p[o &+ i &* s] = v }
                }
            }
        }
        dispatchElement(dtype) { fill($0) }
    }

    // MARK: element access

    /// Reads the element at a row-major logical index (0 ..< count). Used by printing and tolist.
    public func scalar(atFlat index: Int) -> Scalar {
        var off = 0
        var rem = index
        var i = rank - 1
        let sh = shape
        let st = strides
        while i >= 0 {
            let d = sh[i]
            if d > 0 {
                off &+= (rem % d) &* st[i]
                rem /= d
            }
            i -= 1
        }
        var result = Scalar.int(0)
        func read<T: TensorElement>(_: T.Type) { result = pointer(T.self)[off].scalar }
        dispatchElement(dtype) { read($0) }
        return result
    }

    /// All elements in row-major order as Python scalars (`tolist` flattens through this plus `shape`).
    public func toScalars() -> [Scalar] {
        var out: [Scalar] = []
        out.reserveCapacity(count)
        func read<T: TensorElement>(_: T.Type) {
            let p = pointer(T.self)
            iterate3(shape, self, self, self) { o, _, _ in out.append(p[o].scalar) }
        }
        dispatchElement(dtype) { read($0) }
        return out
    }

    /// All elements in row-major order converted to Double (exact for float32 and small ints).
    public func toDoubles() -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        func read<T: TensorElement>(_: T.Type) {
            let p = pointer(T.self)
            iterate3(shape, self, self, self) { o, _, _ in out.append(p[o].asDouble) }
        }
        dispatchElement(dtype) { read($0) }
        return out
    }

    /// `item()`: the single element as a Python scalar.
    public func item() throws -> Scalar {
        let n = count
        if n != 1 { throw TensorError.runtime("a Tensor with \(n) elements cannot be converted to Scalar") }
        return scalar(atFlat: 0)
    }

    /// Gives `body` the contiguous element buffer (for RNG fills and printing).
    /// Precondition: the tensor is contiguous and `T`'s size matches the dtype.
    public func withUnsafeMutableBufferPointer<T, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        precondition(isContiguous && MemoryLayout<T>.stride == dtype.itemSize, "tensor buffer access mismatch")
        return try body(UnsafeMutableBufferPointer(start: pointer(T.self), count: count))
    }
}
