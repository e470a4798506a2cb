import Testing
@testable import Tensors

@Suite("Views, indexing and shapes")
struct ViewTests {
    @Test("writes through a slice show in the base") func sliceSharesStorage() throws {
        let x = try Tensor.arange(.int(0), .int(12)).reshape([3, 4])
        let v = try x.index([.slice(nil, nil, nil), .slice(1, 3, nil)])
        #expect(v.shape == [3, 2])
        #expect(v.sharesStorage(with: x))
        try v.fill_(.int(-1))
        #expect(x.toDoubles() == [0, -1, -1, 3, 4, -1, -1, 7, 8, -1, -1, 11])
        try x.indexPut([.slice(nil, nil, nil), .slice(2, 6, nil)], .scalar(.int(0)))
        #expect(x.toDoubles() == [0, -1, 0, 0, 4, -1, 0, 0, 8, -1, 0, 0])
    }

    @Test("view, reshape, transpose, permute, expand") func shapes() throws {
        let x = try Tensor.arange(.int(0), .int(6))
        let m = try x.view([2, -1])
        #expect(m.shape == [2, 3])
        #expect(try m.t().shape == [3, 2])
        #expect(try m.t().isContiguous == false)
        #expect(try m.t().reshape([6]).toDoubles() == [0, 3, 1, 4, 2, 5])
        #expect(try m.unsqueeze(0).shape == [1, 2, 3])
        #expect(try m.unsqueeze(-1).shape == [2, 3, 1])
        #expect(try m.unsqueeze(0).squeeze().shape == [2, 3])
        #expect(try m.permute([1, 0]).toDoubles() == [0, 3, 1, 4, 2, 5])
        let e = try Tensor.arange(.int(0), .int(3)).reshape([3, 1]).expand([3, 4])
        #expect(e.strides == [1, 0])
        #expect(try e.contiguous().toDoubles() == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
        #expect(try Tensor.zeros([2, 3, 4]).flatten(startDim: 1).shape == [2, 12])
        #expect(try Tensor.zeros([2, 3, 4]).reversedDims().shape == [4, 3, 2])
        #expect(try Tensor.zeros([2, 3, 4]).mT().shape == [2, 4, 3])
        let parts = try Tensor.arange(.int(0), .int(5)).split(2)
        #expect(parts.map { $0.shape } == [[2], [2], [1]])
        #expect(try Tensor.arange(.int(0), .int(6)).chunk(3).count == 3)
        #expect(try Tensor.arange(.int(0), .int(6)).narrow(0, 2, 3).toDoubles() == [2, 3, 4])
    }

    @Test("shape errors use PyTorch's words") func shapeErrors() throws {
        expectError(.runtime, "shape '[3, 5]' is invalid for input of size 12") { _ = try Tensor.zeros([12]).reshape([3, 5]) }
        expectError(.runtime, "only one dimension can be inferred") { _ = try Tensor.zeros([12]).view([-1, -1]) }
        expectError(.runtime, "invalid shape dimension -2 at index 0 of shape [-2]") { _ = try Tensor.zeros([3]).reshape([-2]) }
        expectError(.runtime, "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.") {
            _ = try Tensor.zeros([2, 3]).t().view([6])
        }
        expectError(.index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = try Tensor.zeros([2, 3]).sum(dims: [2]) }
        expectError(.index, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = try Tensor.zeros([3]).unsqueeze(2) }
        expectError(.runtime, "t() expects a tensor with <= 2 dimensions, but self is 3D") { _ = try Tensor.zeros([2, 3, 4]).t() }
        expectError(.runtime, "permute(): duplicate dims are not allowed.") { _ = try Tensor.zeros([2, 3]).permute([0, 0]) }
        expectError(.runtime, "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]") {
            _ = try Tensor.zeros([3]).expand([2, 4])
        }
        expectError(.runtime, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.") {
            _ = try Tensor.cat([try Tensor.zeros([2, 3]), try Tensor.zeros([2, 4])])
        }
        expectError(.runtime, "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1") {
            _ = try Tensor.stack([try Tensor.zeros([2]), try Tensor.zeros([3])])
        }
        expectError(.value, "torch.cat(): expected a non-empty list of Tensors") { _ = try Tensor.cat([]) }
    }

    @Test("basic and advanced indexing") func indexing() throws {
        let x = try Tensor.arange(.int(0), .int(60)).reshape([3, 4, 5])
        #expect(try x.index([.int(0), .slice(nil, nil, nil), .tensor(try i64([2], [1, 2]))]).shape == [4, 2])
        #expect(try x.index([.slice(nil, nil, nil), .int(0), .tensor(try i64([2], [1, 2]))]).shape == [3, 2])
        #expect(try x.index([.tensor(try i64([2], [0, 1])), .slice(nil, nil, nil), .tensor(try i64([2], [1, 2]))]).shape == [2, 4])
        #expect(try x.index([.none, .ellipsis, .int(-1)]).shape == [1, 3, 4])
        #expect(try x.index([.int(-1), .int(-1), .int(-1)]).item() == .int(59))
        let v = try Tensor.arange(.int(0), .int(5))
        #expect(try v.index([.slice(-2, nil, nil)]).toDoubles() == [3, 4])
        #expect(try v.index([.slice(1, 100, 2)]).toDoubles() == [1, 3])
        #expect(try v.index([.slice(10, 20, nil)]).shape == [0])
        #expect(try v.index([.tensor(try i64([3], [4, 0, -1]))]).toDoubles() == [4, 0, 4])
        let mask = try Tensor.compare(.gt, t(v), s(2))
        #expect(try v.index([.tensor(mask)]).toDoubles() == [3, 4])
        let m = try Tensor.arange(.int(0), .int(6)).reshape([2, 3])
        let mm = try Tensor.compare(.ge, t(m), s(4))
        #expect(try m.index([.tensor(mm)]).toDoubles() == [4, 5])
        expectError(.index, "too many indices for tensor of dimension 3") { _ = try x.index([.int(0), .int(0), .int(0), .int(0)]) }
        expectError(.index, "index 5 is out of bounds for dimension 0 with size 3") { _ = try x.index([.int(5)]) }
        expectError(.index, "index 7 is out of bounds for dimension 1 with size 4") { _ = try x.index([.slice(nil, nil, nil), .int(7)]) }
        expectError(.index, "index 3 is out of bounds for dimension 0 with size 3") { _ = try Tensor.zeros([3]).index([.tensor(try i64([1], [3]))]) }
        expectError(.value, "step must be greater than zero") { _ = try v.index([.slice(nil, nil, -1)]) }
        expectError(.index, "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4, 5] at index 0") {
            _ = try x.index([.tensor(try Tensor(shape: [2], bools: [true, false]))])
        }
        expectError(.index, "tensors used as indices must be long, int, byte or bool tensors") {
            _ = try x.index([.tensor(try f32([1], [1]))])
        }
    }

    @Test("setitem cases") func setitem() throws {
        let x = try Tensor.zeros([3, 4])
        try x.indexPut([.int(1), .int(2)], .scalar(.double(5)))
        try x.indexPut([.int(0)], .tensor(try f32([4], [1, 2, 3, 4])))
        try x.indexPut([.slice(nil, nil, nil), .int(3)], .tensor(try f32([], [9])))
        #expect(x.toDoubles() == [1, 2, 3, 9, 0, 0, 5, 9, 0, 0, 0, 9])
        let mask = try Tensor.compare(.gt, t(x), s(4))
        try x.indexPut([.tensor(mask)], .scalar(.int(0)))
        #expect(x.toDoubles() == [1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        try x.indexPut([.tensor(try i64([2], [1, 2])), .tensor(try i64([2], [0, 1]))], .tensor(try f32([2], [7, 8])))
        #expect(x.toDoubles() == [1, 2, 3, 0, 7, 0, 0, 0, 0, 8, 0, 0])
        let y = try Tensor.zeros([3])
        expectError(.runtime, "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3].  Tensor sizes: [2]") {
            try y.indexPut([.slice(nil, nil, nil)], .tensor(try Tensor.ones([2])))
        }
        expectError(.runtime, "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2]") {
            try y.indexPut([.tensor(try i64([2], [0, 1]))], .tensor(try Tensor.ones([3])))
        }
        // Setitem casts into the destination dtype.
        let li = try Tensor.zeros([2], dtype: .int64)
        try li.indexPut([.int(0)], .scalar(.double(2.7)))
        #expect(li.toDoubles() == [2, 0])
    }

    @Test("creation") func creation() throws {
        #expect(try Tensor.arange(.int(0), .int(10), .int(3)).toDoubles() == [0, 3, 6, 9])
        #expect(try Tensor.arange(.int(0), .double(1), .double(0.1)).shape == [10])
        #expect(try Tensor.arange(.int(0), .double(1), .double(0.1)).dtype == .float32)
        #expect(try Tensor.arange(.int(5), .int(0), .int(-2)).toDoubles() == [5, 3, 1])
        expectError(.runtime, "upper bound and lower bound inconsistent with step sign") { _ = try Tensor.arange(.int(5), .int(1)) }
        expectError(.runtime, "step must be nonzero") { _ = try Tensor.arange(.int(0), .int(5), .int(0)) }
        #expect(try Tensor.linspace(.int(0), .int(1), steps: 5).toDoubles() == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.eye(2, 3).toDoubles() == [1, 0, 0, 0, 1, 0])
        #expect(try Tensor.full([2], .int(1)).dtype == .int64)
        #expect(try Tensor.full([2], .bool(true)).dtype == .bool)
        #expect(try Tensor.full([2], .double(1)).dtype == .float32)
        #expect(try Tensor(shape: [2], scalars: [.int(1), .double(2)]).dtype == .float32)
        #expect(try Tensor(shape: [2], scalars: [.int(1), .bool(true)]).dtype == .int64)
        #expect(try Tensor(scalar: .bool(true)).rank == 0)
        expectError(.runtime, "a Tensor with 2 elements cannot be converted to Scalar") { _ = try Tensor.ones([2]).item() }
        #expect(try Tensor(scalar: .int(3)).item() == .int(3))
        #expect(try Tensor.zeros([2, 2]).toScalars() == [.double(0), .double(0), .double(0), .double(0)])
    }

    @Test("memory limit and size overflow") func memory() throws {
        expectError(.runtime, "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)") {
            _ = try Tensor.zeros([1_000_000_000_000])
        }
        expectError(.runtime, "Storage size calculation overflowed with sizes=[4611686018427387904, 4]") {
            _ = try Tensor.zeros([1 << 62, 4])
        }
        expectError(.runtime, "Trying to create tensor with negative dimension -1: [-1]") { _ = try Tensor.ones([-1]) }
        expectError(.runtime, "zeros: Dimension size must be non-negative.") { _ = try Tensor.zeros([2, -3]) }
        expectError(.runtime, "Trying to create tensor with negative dimension -1: [-1]") { _ = try Tensor.empty([-1]) }
        #expect(TensorMemory.limit > 0)
    }
}

@Suite("Elementwise, reductions, linear algebra")
struct OpTests {
    @Test("broadcasting and errors") func broadcasting() throws {
        let a = try Tensor.arange(.int(0), .int(3)).reshape([3, 1])
        let b = try Tensor.arange(.int(0), .int(2)).reshape([1, 2])
        #expect(try Tensor.add(t(a), t(b)).toDoubles() == [0, 1, 1, 2, 2, 3])
        #expect(try Tensor.sub(s(10), t(b)).toDoubles() == [10, 9])
        expectError(.runtime, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1") {
            _ = try Tensor.add(t(try Tensor.zeros([2, 3])), t(try Tensor.zeros([2, 4])))
        }
        // Non-contiguous operands.
        let m = try Tensor.arange(.int(0), .int(6)).reshape([2, 3])
        #expect(try Tensor.mul(t(try m.t()), t(try m.t())).toDoubles() == [0, 9, 1, 16, 4, 25])
    }

    @Test("division, remainder, floor division semantics") func division() throws {
        let a = try f32([4], [7, -7, 7, -7])
        let b = try f32([4], [2, 2, -2, -2])
        #expect(try Tensor.floorDivide(t(a), t(b)).toDoubles() == [3, -4, -4, 3])
        #expect(try Tensor.remainder(t(a), t(b)).toDoubles() == [1, 1, -1, -1])
        let ai = try i64([4], [7, -7, 7, -7])
        let bi = try i64([4], [2, 2, -2, -2])
        #expect(try Tensor.floorDivide(t(ai), t(bi)).toDoubles() == [3, -4, -4, 3])
        #expect(try Tensor.remainder(t(ai), t(bi)).toDoubles() == [1, 1, -1, -1])
        #expect(try Tensor.div(t(ai), t(bi), roundingMode: "trunc").toDoubles() == [3, -3, -3, 3])
        expectError(.runtime, "ZeroDivisionError") { _ = try Tensor.floorDivide(t(try i64([1], [1])), s(0)) }
        expectError(.runtime, "Integers to negative integer powers are not allowed.") { _ = try Tensor.pow(t(try i64([1], [2])), s(-1)) }
        expectError(.notImplemented, "\"bitwise_and_cpu\" not implemented for 'Float'") {
            _ = try Tensor.compare(.bitwiseAnd, t(try f32([1], [1])), t(try f32([1], [1])))
        }
        #expect(try f32([4], [0.5, 1.5, 2.5, -0.5]).unary(.round).toDoubles() == [0, 2, 2, -0])
    }

    @Test("in-place ops and their checks") func inPlace() throws {
        let x = try Tensor.ones([2])
        try x.add_(t(try f32([2], [1, 2])), alpha: .int(2))
        #expect(x.toDoubles() == [3, 5])
        try x.mul_(s(2)).sub_(s(1))
        #expect(x.toDoubles() == [5, 9])
        expectError(.runtime, "result type Float can't be cast to the desired output type Long") {
            try Tensor.zeros([2, 3], dtype: .int64).add_(s(1.5))
        }
        expectError(.runtime, "output with shape [1] doesn't match the broadcast shape [2]") {
            try Tensor.zeros([1]).add_(t(try Tensor.ones([2])))
        }
        let v = x.version
        try x.zero_()
        #expect(x.version == v + 1)
        try x.clamp_(min: .int(1), max: nil)
        #expect(x.toDoubles() == [1, 1])
    }

    @Test("reductions with dims and keepdim") func reductions() throws {
        let x = try Tensor.arange(.int(0), .int(6)).reshape([2, 3]).to(.float32)
        #expect(try x.sum().item() == .double(15))
        #expect(try x.sum(dims: [0]).toDoubles() == [3, 5, 7])
        #expect(try x.sum(dims: [1], keepdim: true).shape == [2, 1])
        #expect(try x.sum(dims: [0, 1]).shape == [])
        #expect(try x.mean(dims: [1]).toDoubles() == [1, 4])
        #expect(try x.prod(dim: 1).toDoubles() == [0, 60])
        #expect(try x.max().item() == .double(5))
        let (values, indices) = try x.max(dim: 1)
        #expect(values.toDoubles() == [2, 5])
        #expect(indices.toDoubles() == [2, 2])
        #expect(indices.dtype == .int64)
        #expect(try x.argmax().item() == .int(5))
        #expect(try x.argmin(dim: 0).toDoubles() == [0, 0, 0])
        #expect(try x.amax(dims: [0]).toDoubles() == [3, 4, 5])
        #expect(close(try x.variance().toDoubles(), [3.5]))
        #expect(close(try x.std(dims: [1], correction: 0).toDoubles(), [0.816496580927726, 0.816496580927726]))
        #expect(close(try x.norm().toDoubles(), [Double(55).squareRoot()]))
        #expect(try Tensor.compare(.gt, t(x), s(0)).all().item() == .bool(false))
        #expect(try Tensor.compare(.gt, t(x), s(0)).any(dims: [1]).toDoubles() == [1, 1])
        expectError(.notImplemented, "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long") {
            _ = try Tensor.zeros([2, 3], dtype: .int64).mean()
        }
        expectError(.notImplemented, "std and var only support floating point and complex dtypes") { _ = try Tensor.ones([3], dtype: .int64).std() }
        expectError(.runtime, "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.") {
            _ = try Tensor.zeros([0]).max()
        }
        #expect(try x.cumsum(1).toDoubles() == [0, 1, 3, 3, 7, 12])
        let (sv, si) = try f32([4], [3, 1, 2, 1]).sort()
        #expect(sv.toDoubles() == [1, 1, 2, 3])
        #expect(si.toDoubles() == [1, 3, 2, 0])
        #expect(try f32([4], [3, 1, 2, 1]).topk(2).values.toDoubles() == [3, 2])
    }

    @Test("matmul rank cases") func matmul() throws {
        let a = try Tensor.arange(.int(0), .int(6)).reshape([2, 3]).to(.float32)
        let b = try Tensor.arange(.int(0), .int(12)).reshape([3, 4]).to(.float32)
        let v3 = try f32([3], [1, 2, 3])
        #expect(try Tensor.matmul(a, b).toDoubles() == [20, 23, 26, 29, 56, 68, 80, 92])
        #expect(try Tensor.matmul(try b.t(), try a.t()).toDoubles() == [20, 56, 23, 68, 26, 80, 29, 92])
        #expect(try Tensor.matmul(a, v3).toDoubles() == [8, 26])
        #expect(try Tensor.matmul(v3, v3).shape == [])
        #expect(try Tensor.matmul(v3, b).shape == [4])
        let batch = try Tensor.ones([2, 2, 3])
        #expect(try Tensor.matmul(batch, b).shape == [2, 2, 4])
        #expect(try Tensor.matmul(try Tensor.ones([5, 1, 2, 3]), try Tensor.ones([4, 3, 2])).shape == [5, 4, 2, 2])
        #expect(try Tensor.bmm(batch, try Tensor.ones([2, 3, 5])).shape == [2, 2, 5])
        #expect(try Tensor.outer(v3, v3).shape == [3, 3])
        #expect(try Tensor.matmul(try i64([2, 2], [1, 2, 3, 4]), try i64([2, 2], [1, 0, 0, 1])).toDoubles() == [1, 2, 3, 4])
        expectError(.runtime, "mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)") {
            _ = try Tensor.matmul(try Tensor.zeros([2, 3]), try Tensor.zeros([4, 5]))
        }
        expectError(.runtime, "size mismatch, got input (2), mat (2x3), vec (4)") { _ = try Tensor.mv(try Tensor.zeros([2, 3]), try Tensor.zeros([4])) }
        expectError(.runtime, "expected m1 and m2 to have the same dtype, but got: double != float") {
            _ = try Tensor.matmul(try Tensor.zeros([2, 3], dtype: .float64), try Tensor.zeros([3, 2]))
        }
        expectError(.runtime, "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].") {
            _ = try Tensor.bmm(try Tensor.zeros([2, 3, 4]), try Tensor.zeros([2, 5, 4]))
        }
        expectError(.runtime, "both arguments to matmul need to be at least 1D, but they are 0D and 1D") {
            _ = try Tensor.matmul(try Tensor.zeros([]), try Tensor.zeros([3]))
        }
        // A larger product exercises the 4-row panel and the packing of a transposed B.
        let big = try Tensor.arange(.int(0), .int(35)).reshape([7, 5]).to(.float64)
        let r = try Tensor.matmul(big, try big.t())
        let d = big.toDoubles()
        var expected: [Double] = []
        for i in 0..<7 { for j in 0..<7 { expected.append((0..<5).reduce(0.0) { $0 + d[i * 5 + $1] * d[j * 5 + $1] }) } }
        #expect(r.toDoubles() == expected)
    }

    @Test("misc") func misc() throws {
        let a = try f32([3], [1, 2, 3])
        #expect(try Tensor.equal(a, try f32([3], [1, 2, 3])))
        #expect(try Tensor.allclose(a, try f32([3], [1, 2, 3.000001])))
        expectError(.runtime, "Long did not match Float") { _ = try Tensor.allclose(try i64([2], [1, 2]), try f32([2], [1, 2])) }
        #expect(try a.maskedFill(try Tensor.compare(.gt, t(a), s(1)), .int(0)).toDoubles() == [1, 0, 0])
    }
}
