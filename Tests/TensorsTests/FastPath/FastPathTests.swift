import Testing
@testable import Tensors

// Every small-tensor fast path checked against the general path it short-cuts.

/// A deterministic float tensor with varied signs and magnitudes (no RNG dependence).
private func pattern(_ shape: [Int], _ dtype: DType = .float32, seed: Int = 1) throws -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { i -> Double in
        let k = (i &* 7919 &+ seed &* 104_729) % 1000
        return (Double(k) - 500) / 37.0 + (i % 3 == 0 ? 1e-3 : -2.5e2) * 0.001
    }
    return try Tensor(shape: shape, doubles: values).to(dtype)
}

/// Bit patterns of all elements (row-major), so -0.0 and rounding differences count.
private func bits(_ x: Tensor) throws -> [UInt64] {
    let c = try x.contiguous()
    return (0..<c.count).map { i in
        switch c.scalar(atFlat: i) {
        case .double(let d): return x.dtype == .float32 ? UInt64(Float(d).bitPattern) : d.bitPattern
        case .int(let v): return UInt64(bitPattern: Int64(v))
        case .bool(let b): return b ? 1 : 0
        }
    }
}

/// The plain path of a basic subscript: one select/slice call per item, as `applyBasic` does.
private func plainIndex(_ x: Tensor, _ items: [IndexItem]) throws -> Tensor {
    var v = x
    var dim = 0
    for item in items {
        switch item {
        case .int(let i): v = try v.select(dim, i)
        case .slice(let s, let e, let st):
            v = try v.slice(dim, start: s, stop: e, step: st ?? 1)
            dim += 1
        case .none, .ellipsis, .tensor: Issue.record("not a basic item")
        }
    }
    return v
}

struct IndexCase: CustomTestStringConvertible, Sendable {
    let id: String
    let shape: [Int]
    let items: [IndexItemSpec]
    var testDescription: String { id }
}

/// Sendable description of an IndexItem (ints and slices only).
enum IndexItemSpec: Sendable {
    case int(Int)
    case slice(Int?, Int?, Int?)
    var item: IndexItem {
        switch self {
        case .int(let i): .int(i)
        case .slice(let a, let b, let c): .slice(a, b, c)
        }
    }
}

@Suite("Fast paths: basic indexing")
struct FastIndexTests {
    static let cases: [IndexCase] = [
        IndexCase(id: "2d window", shape: [6, 8], items: [.slice(1, 3, nil), .slice(2, 5, nil)]),
        IndexCase(id: "row int then slice", shape: [6, 8], items: [.int(2), .slice(3, 5, nil)]),
        IndexCase(id: "element", shape: [6, 8], items: [.int(5), .int(7)]),
        IndexCase(id: "negative ints", shape: [6, 8], items: [.int(-1), .int(-8)]),
        IndexCase(id: "negative slice bounds", shape: [6, 8], items: [.slice(-3, -1, nil), .slice(nil, -2, 2)]),
        IndexCase(id: "clamped past the end", shape: [6, 8], items: [.slice(4, 100, nil), .slice(-100, 3, nil)]),
        IndexCase(id: "empty slice", shape: [6, 8], items: [.slice(5, 2, nil)]),
        IndexCase(id: "step 3", shape: [10], items: [.slice(1, nil, 3)]),
        IndexCase(id: "fewer items than dims", shape: [2, 3, 4], items: [.int(1)]),
        IndexCase(id: "3d mixed", shape: [2, 3, 4], items: [.slice(nil, nil, nil), .int(2), .slice(1, nil, 2)]),
        IndexCase(id: "no items", shape: [2, 3], items: []),
    ]

    @Test("matches select/slice chains (geometry, values, view base)", arguments: cases)
    func matchesPlain(_ c: IndexCase) throws {
        let base = try pattern([c.shape.reduce(1, *) + 3]).slice(0, start: 3, stop: nil).view(c.shape)
        let items = c.items.map(\.item)
        let fast = try #require(base.fastBasicView(items))
        let plain = try plainIndex(base, items)
        #expect(fast.shape == plain.shape)
        #expect(fast.strides == plain.strides)
        #expect(fast.storageOffset == plain.storageOffset)
        #expect(fast.viewBase === plain.viewBase)
        #expect(try bits(fast) == bits(plain))
        #expect(try bits(base.index(items)) == bits(plain))
    }

    @Test("declines what the general path must handle") func declines() throws {
        let x = try pattern([3, 4])
        #expect(x.fastBasicView([.int(3)]) == nil)  // out of range: the general path raises
        #expect(x.fastBasicView([.int(0), .int(0), .int(0)]) == nil)  // too many indices
        #expect(x.fastBasicView([.none]) == nil)
        #expect(x.fastBasicView([.ellipsis]) == nil)
        #expect(x.fastBasicView([.slice(nil, nil, 0)]) == nil)
        expectError(.index, "index 3 is out of bounds for dimension 0 with size 3") { _ = try x.index([.int(3)]) }
        expectError(.index, "too many indices for tensor of dimension 2") { _ = try x.index([.int(0), .int(0), .int(0)]) }
        let g = try pattern([3, 4])
        try g.requiresGrad_()
        #expect(g.fastBasicView([.int(0)]) == nil)  // records SelectBackward0 on the general path
        #expect(try g.index([.int(0), .slice(1, 3, nil)]).gradFn?.name == "SliceBackward0")
    }
}

@Suite("Fast paths: one-element setitem")
struct FastSetItemTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let dtype: DType
        let value: Double
        let valueDType: DType?  // nil: a Python number (Scalar); else a 0-d tensor of this dtype
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "f32 <- 0-d f32", dtype: .float32, value: -1.25, valueDType: .float32),
        Case(id: "f32 <- 0-d f64", dtype: .float32, value: 0.1, valueDType: .float64),
        Case(id: "f64 <- 0-d f32", dtype: .float64, value: 0.1, valueDType: .float32),
        Case(id: "i64 <- 0-d f32 truncates", dtype: .int64, value: -2.75, valueDType: .float32),
        Case(id: "u8 <- 0-d i64 wraps", dtype: .uint8, value: 300, valueDType: .int64),
        Case(id: "bool <- 0-d f32", dtype: .bool, value: 0.5, valueDType: .float32),
        Case(id: "f32 <- float scalar", dtype: .float32, value: 3.5, valueDType: nil),
        Case(id: "i32 <- float scalar", dtype: .int32, value: -7.9, valueDType: nil),
        Case(id: "f32 <- -0.0", dtype: .float32, value: -0.0, valueDType: .float32),
    ]

    @Test("matches fill_ through the element view", arguments: cases)
    func matchesPlain(_ c: Case) throws {
        let fast = try Tensor.zeros([3, 4], dtype: c.dtype)
        let plain = try Tensor.zeros([3, 4], dtype: c.dtype)
        let value: Operand
        if let vd = c.valueDType {
            value = .tensor(try Tensor(shape: [], doubles: [c.value]).to(vd))
        } else {
            value = .scalar(.double(c.value))
        }
        let v0 = fast.version
        try fast.indexPut([.int(1), .int(-2)], value)
        #expect(fast.version == v0 + 1)
        try plain.select(0, 1).select(0, 2).assign(value)
        #expect(try bits(fast) == bits(plain))
    }

    @Test("autograd and errors still take the general path") func general() throws {
        let y = try Tensor.zeros([2, 3])
        let w = try pattern([])
        try w.requiresGrad_()
        try y.indexPut([.int(0), .int(1)], .tensor(w))
        #expect(y.gradFn?.name == "CopySlices")
        let z = try Tensor.zeros([2, 3])
        expectError(.index, "index 2 is out of bounds for dimension 0 with size 2") {
            try z.indexPut([.int(2), .int(0)], .scalar(.int(1)))
        }
        // A one-element (not 0-d) value into a one-element slice takes the general path.
        try z.indexPut([.int(1), .slice(1, 2, nil)], .tensor(try f32([1], [4])))
        #expect(z.toDoubles() == [0, 0, 0, 0, 4, 0])
    }
}

@Suite("Fast paths: full sum")
struct FastSumTests {
    static let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 129, 1000]

    @Test("t.sum() equals the general reduction bit for bit", arguments: sizes)
    func contiguous(_ n: Int) throws {
        for dt in [DType.float32, .float64] {
            let x = try pattern([n], dt, seed: n)
            let fast = try x.sum()
            let plain = try x.sum(dims: [0])
            #expect(fast.shape == [])
            #expect(try bits(fast) == bits(plain), "n=\(n) \(dt)")
        }
    }

    @Test("strided windows and -0.0") func strided() throws {
        let x = try pattern([64, 64])
        for (h, w) in [(3, 3), (1, 2), (6, 8), (5, 17)] {
            let v = try x.index([.slice(2, 2 + h, nil), .slice(1, 1 + w, nil)])
            #expect(try bits(v.sum()) == bits(v.sum(dims: [0, 1])), "\(h)x\(w)")
            let k = try pattern([h, w], seed: 9)
            let p = try Tensor.mul(.tensor(v), .tensor(k))
            #expect(try bits(p.sum()) == bits(p.sum(dims: [0, 1])))
        }
        let z = try f32([2], [-0.0, -0.0])
        #expect(try bits(z.sum()) == bits(z.sum(dims: [0])))
        let g = try pattern([2, 3])
        try g.requiresGrad_()
        #expect(try g.sum().gradFn?.name == "SumBackward0")
    }
}

@Suite("Fast paths: elementwise on rank-2 views")
struct FastElementwiseTests {
    @Test("strided 2-D operands match the contiguous (flat) path") func grid() throws {
        let x = try pattern([8, 9])
        let v = try x.index([.slice(1, 4, nil), .slice(2, 8, 2)])  // 3x3, strides [9, 2]
        let k = try pattern([3, 3], seed: 5)
        let vc = try v.contiguous()
        for op in [BinaryOp.add, .sub, .mul, .div, .maximum] {
            #expect(try bits(Tensor.binaryRaw(op, .tensor(v), .tensor(k))) == bits(Tensor.binaryRaw(op, .tensor(vc), .tensor(k))))
            #expect(try bits(Tensor.binaryRaw(op, .tensor(k), .tensor(v))) == bits(Tensor.binaryRaw(op, .tensor(k), .tensor(vc))))
            #expect(try bits(Tensor.binaryRaw(op, .tensor(v), .scalar(.double(1.5))))
                        == bits(Tensor.binaryRaw(op, .tensor(vc), .scalar(.double(1.5)))))
            #expect(try bits(Tensor.binaryRaw(op, .scalar(.int(2)), .tensor(v)))
                        == bits(Tensor.binaryRaw(op, .scalar(.int(2)), .tensor(vc))))
        }
        #expect(try bits(v.t().exp()) == bits(vc.t().contiguous().exp()))
        #expect(try bits(Tensor.binaryRaw(.mul, .tensor(v.t()), .tensor(v.t()))) == bits(Tensor.binaryRaw(.mul, .tensor(vc.t().contiguous()), .tensor(vc.t().contiguous()))))
        // Broadcasting still takes the plan path.
        let row = try pattern([3])
        #expect(try bits(Tensor.binaryRaw(.add, .tensor(v), .tensor(row))) == bits(Tensor.binaryRaw(.add, .tensor(vc), .tensor(row))))
    }

    @Test("contiguous strides for small ranks") func strides() {
        for shape in [[], [5], [0], [3, 4], [3, 0], [2, 3, 4], [2, 0, 4], [2, 3, 4, 5], [1, 1, 6, 8], [2, 3, 4, 5, 6]] {
            var expected = [Int](repeating: 1, count: shape.count)
            var acc = 1
            for i in stride(from: shape.count - 1, through: 0, by: -1) {
                expected[i] = acc
                acc *= Swift.max(shape[i], 1)
            }
            #expect(contiguousStrides(shape) == expected, "\(shape)")
        }
    }
}
