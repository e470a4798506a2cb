/// Matrix products: matmul (all rank cases), mm, bmm, mv, dot, outer.
extension Tensor {
    private static func checkSameDType(_ a: Tensor, _ b: Tensor) throws {
        if a.dtype != b.dtype {
            throw TensorError.runtime(
                "expected m1 and m2 to have the same dtype, but got: \(a.dtype.cTypeName) != \(b.dtype.cTypeName)")
        }
        if a.dtype == .bool {
            throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'")
        }
    }

    /// C = A · B for 2-D operands of one dtype, no autograd. Works on strided views directly.
    static func mmRaw(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let m = a.shape[0]
        let k = a.shape[1]
        let n = b.shape[1]
        let out = try Tensor(allocating: [m, n], dtype: a.dtype)
        func f<T: FloatElement>(_: T.Type) {
            gemm(m: m, n: n, k: k, a: a.pointer(T.self), aRowStride: a.strides[0], aColStride: a.strides[1],
                 b: b.pointer(T.self), bRowStride: b.strides[0], bColStride: b.strides[1], c: out.pointer(T.self))
        }
        func i<T: IntElement>(_: T.Type) {
            gemmInt(m: m, n: n, k: k, a: a.pointer(T.self), aRowStride: a.strides[0], aColStride: a.strides[1],
                    b: b.pointer(T.self), bRowStride: b.strides[0], bColStride: b.strides[1], c: out.pointer(T.self))
        }
        switch a.dtype {
        case .float32: f(Float.self)
        case .float64: f(Double.self)
        case .uint8: i(UInt8.self)
        case .int8: i(Int8.self)
        case .int16: i(Int16.self)
        case .int32: i(Int32.self)
        case .int64: i(Int64.self)
        case .bool: throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'")
        }
        return out
    }

    /// `torch.mm` (MmBackward0).
    public static func mm(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.rank != 2 { throw TensorError.runtime("mm: self must be a matrix, got \(a.rank)-D tensor") }
        if b.rank != 2 { throw TensorError.runtime("mm: mat2 must be a matrix, got \(b.rank)-D tensor") }
        if a.shape[1] != b.shape[0] {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(a.shape[0])x\(a.shape[1]) and \(b.shape[0])x\(b.shape[1]))")
        }
        try checkSameDType(a, b)
        let out = try mmRaw(a, b)
        if shouldRecord(a, b) && out.dtype.isFloatingPoint {
            let sa = SavedTensor(a)
            let sb = SavedTensor(b)
            record(out, "MmBackward0", [a, b], saves: true) { g, needs in
                [needs[0] ? try mmRaw(g, try sb.unpack().transposedRaw()) : nil,
                 needs[1] ? try mmRaw(try sa.unpack().transposedRaw(), g) : nil]
            }
        }
        return out
    }

    /// A transposed alias of a 2-D tensor without autograd.
    func transposedRaw() -> Tensor {
        alias(shape: [shape[1], shape[0]], strides: [strides[1], strides[0]], offset: storageOffset)
    }

    /// `torch.mv` (MvBackward0).
    public static func mv(_ m: Tensor, _ v: Tensor) throws -> Tensor {
        if m.rank != 2 || v.rank != 1 {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(m.rank), \(v.rank)")
        }
        if m.shape[1] != v.shape[0] {
            throw TensorError.runtime(
                "size mismatch, got input (\(m.shape[0])), mat (\(m.shape[0])x\(m.shape[1])), vec (\(v.shape[0]))")
        }
        try checkSameDType(m, v)
        let col = v.alias(shape: [v.shape[0], 1], strides: [v.strides[0], 1], offset: v.storageOffset)
        let r = try mmRaw(m, col)
        let out = r.alias(shape: [m.shape[0]], strides: [1], offset: 0)
        if shouldRecord(m, v) && out.dtype.isFloatingPoint {
            let sm = SavedTensor(m)
            let sv = SavedTensor(v)
            record(out, "MvBackward0", [m, v], saves: true) { g, needs in
                let gc = g.alias(shape: [g.shape[0], 1], strides: [g.strides[0], 1], offset: g.storageOffset)
                var gm: Tensor? = nil
                var gv: Tensor? = nil
                if needs[0] {
                    let vv = try sv.unpack()
                    let row = vv.alias(shape: [1, vv.shape[0]], strides: [1, vv.strides[0]], offset: vv.storageOffset)
                    gm = try mmRaw(gc, row)
                }
                if needs[1] {
                    let r = try mmRaw(try sm.unpack().transposedRaw(), gc)
                    gv = r.alias(shape: [r.shape[0]], strides: [1], offset: 0)
                }
                return [gm, gv]
            }
        }
        return out
    }

    /// `torch.dot` (DotBackward0): 0-d result.
    public static func dot(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.rank != 1 || b.rank != 1 {
            throw TensorError.runtime("1D tensors expected, but got \(a.rank)D and \(b.rank)D tensors")
        }
        if a.shape[0] != b.shape[0] {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(a.shape[0])] and src [\(b.shape[0])] to have the same "
                    + "number of elements, but got \(a.shape[0]) and \(b.shape[0]) elements respectively")
        }
        if a.dtype != b.dtype {
            throw TensorError.runtime(
                "dot : expected both vectors to have same dtype, but found \(a.dtype.scalarTypeName) and \(b.dtype.scalarTypeName)")
        }
        if a.dtype == .bool { throw TensorError.notImplemented("\"dot\" not implemented for 'Bool'") }
        let row = a.alias(shape: [1, a.shape[0]], strides: [1, a.strides[0]], offset: a.storageOffset)
        let col = b.alias(shape: [b.shape[0], 1], strides: [b.strides[0], 1], offset: b.storageOffset)
        let r = try mmRaw(row, col)
        let out = r.alias(shape: [], strides: [], offset: 0)
        if shouldRecord(a, b) && out.dtype.isFloatingPoint {
            let sa = SavedTensor(a)
            let sb = SavedTensor(b)
            record(out, "DotBackward0", [a, b], saves: true) { g, needs in
                [needs[0] ? try sb.unpack().mulRaw(.tensor(g)) : nil,
                 needs[1] ? try sa.unpack().mulRaw(.tensor(g)) : nil]
            }
        }
        return out
    }

    /// `torch.bmm` (BmmBackward0).
    public static func bmm(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.rank != 3 { throw TensorError.runtime("batch1 must be a 3D tensor") }
        if b.rank != 3 { throw TensorError.runtime("batch2 must be a 3D tensor") }
        if b.shape[0] != a.shape[0] || b.shape[1] != a.shape[2] {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(a.shape[0]), \(a.shape[2])] but got: "
                    + "[\(b.shape[0]), \(b.shape[1])].")
        }
        try checkSameDType(a, b)
        let out = try bmmRaw(a, b)
        if shouldRecord(a, b) && out.dtype.isFloatingPoint {
            let sa = SavedTensor(a)
            let sb = SavedTensor(b)
            record(out, "BmmBackward0", [a, b], saves: true) { g, needs in
                [needs[0] ? try bmmRaw(g, try sb.unpack().batchTransposedRaw()) : nil,
                 needs[1] ? try bmmRaw(try sa.unpack().batchTransposedRaw(), g) : nil]
            }
        }
        return out
    }

    func batchTransposedRaw() -> Tensor {
        alias(shape: [shape[0], shape[2], shape[1]], strides: [strides[0], strides[2], strides[1]], offset: storageOffset)
    }

    static func bmmRaw(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let batch = a.shape[0]
        let m = a.shape[1]
        let n = b.shape[2]
        let out = try Tensor(allocating: [batch, m, n], dtype: a.dtype)
        let itemSize = a.dtype.itemSize
        for i in 0..<batch {
            let ai = a.alias(shape: [m, a.shape[2]], strides: [a.strides[1], a.strides[2]], offset: a.storageOffset + i * a.strides[0])
            let bi = b.alias(shape: [b.shape[1], n], strides: [b.strides[1], b.strides[2]], offset: b.storageOffset + i * b.strides[0])
            let r = try mmRaw(ai, bi)
            (out.rawPointer + i * m * n * itemSize).copyMemory(from: r.rawPointer, byteCount: m * n * itemSize)
        }
        return out
    }

    /// `torch.matmul` / `@` with NumPy rank semantics: dot, mv, mm, vector·matrix, and broadcast batches.
    public static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let ra = a.rank
        let rb = b.rank
        if ra == 0 || rb == 0 {
            throw TensorError.runtime(
                "both arguments to matmul need to be at least 1D, but they are \(ra)D and \(rb)D")
        }
        if ra == 1 && rb == 1 { return try dot(a, b) }
        if ra == 2 && rb == 1 { return try mv(a, b) }
        if ra == 1 && rb == 2 { return try mm(try a.unsqueeze(0), b).squeeze(0) }
        if ra == 2 && rb == 2 { return try mm(a, b) }
        if ra >= 3 && rb <= 2 {
            // Fold the batch into the rows: (..., n, k) @ (k, m) → (... * n, k) @ (k, m).
            let k = a.shape[ra - 1]
            let lead = Array(a.shape[0..<(ra - 1)])
            let rows = lead.reduce(1, *)
            let folded = try a.reshape([rows, k])
            if rb == 1 {
                let r = try mv(folded, b)
                return try r.unsafeView(lead)
            }
            let r = try mm(folded, b)
            return try r.unsafeView(lead + [b.shape[1]])
        }
        // General batched case with broadcasting.
        let a2 = ra == 1 ? try a.unsqueeze(0) : a
        let b2 = rb == 1 ? try b.unsqueeze(1) : b
        let n = a2.shape[a2.rank - 2]
        let k = a2.shape[a2.rank - 1]
        let k2 = b2.shape[b2.rank - 2]
        let p = b2.shape[b2.rank - 1]
        let batchA = Array(a2.shape[0..<(a2.rank - 2)])
        let batchB = Array(b2.shape[0..<(b2.rank - 2)])
        let batch = try broadcastShapes(batchA, batchB)
        let bcount = batch.reduce(1, *)
        if k != k2 {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(bcount), \(k)] but got: [\(bcount), \(k2)].")
        }
        let ea = try a2.expand(batch + [n, k]).reshape([bcount, n, k])
        let eb = try b2.expand(batch + [k2, p]).reshape([bcount, k2, p])
        let r = try bmm(ea, eb)
        var outShape = batch
        if ra > 1 { outShape.append(n) }
        if rb > 1 { outShape.append(p) }
        return try r.unsafeView(outShape)
    }

    /// `_unsafe_view`: reshape of a fresh contiguous result (UnsafeViewBackward0).
    func unsafeView(_ newShape: [Int]) throws -> Tensor {
        let c = try contiguousRaw()
        let out = c.alias(shape: newShape, strides: contiguousStrides(newShape), offset: c.storageOffset)
        if shouldRecord(self) {
            let inShape = shape
            record(out, "UnsafeViewBackward0", [self]) { g, _ in [try g.reshape(inShape)] }
        }
        return out
    }

    /// `torch.outer` (a broadcast multiply, MulBackward0).
    public static func outer(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.rank != 1 || b.rank != 1 {
            throw TensorError.runtime("outer: Expected 1-D argument self, but got \(a.rank)-D")
        }
        return try mul(.tensor(try a.unsqueeze(1)), .tensor(b))
    }
}
