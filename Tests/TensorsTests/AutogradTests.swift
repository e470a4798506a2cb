import Foundation
import Testing
@testable import Tensors

private func leaf(_ shape: [Int], _ values: [Float]) throws -> Tensor {
    let x = try f32(shape, values)
    try x.requiresGrad_()
    return x
}

struct GradFnRow: Sendable, CustomStringConvertible {
    let expected: String
    let make: @Sendable (Tensor) throws -> Tensor
    var description: String { expected }
}

/// grad_fn names (docs/tensor-repr.md §1.12).
let gradFnRows: [GradFnRow] = [
    GradFnRow(expected: "AddBackward0") { try Tensor.add(s(1), t($0)) },
    GradFnRow(expected: "SubBackward0") { try Tensor.sub(t($0), s(1)) },
    GradFnRow(expected: "RsubBackward1") { try Tensor.sub(s(1), t($0)) },
    GradFnRow(expected: "MulBackward0") { try Tensor.div(s(2), t($0)) },
    GradFnRow(expected: "DivBackward0") { try Tensor.div(t($0), s(2)) },
    GradFnRow(expected: "PowBackward0") { try Tensor.pow(t($0), s(2)) },
    GradFnRow(expected: "PowBackward1") { try Tensor.pow(t($0), t($0)) },
    GradFnRow(expected: "PowBackward2") { try Tensor.pow(s(2), t($0)) },
    GradFnRow(expected: "NegBackward0") { try $0.neg() },
    GradFnRow(expected: "SumBackward0") { try $0.sum() },
    GradFnRow(expected: "SumBackward1") { try $0.sum(dims: [0], keepdim: true) },
    GradFnRow(expected: "MeanBackward0") { try $0.mean() },
    GradFnRow(expected: "MeanBackward1") { try $0.mean(dims: [1]) },
    GradFnRow(expected: "MaxBackward1") { try $0.max() },
    GradFnRow(expected: "MinBackward1") { try $0.min() },
    GradFnRow(expected: "MaxBackward0") { try $0.max(dim: 1).values },
    GradFnRow(expected: "ExpBackward0") { try $0.exp() },
    GradFnRow(expected: "LogBackward0") { try $0.log() },
    GradFnRow(expected: "SqrtBackward0") { try $0.sqrt() },
    GradFnRow(expected: "AbsBackward0") { try $0.abs() },
    GradFnRow(expected: "ReluBackward0") { try $0.relu() },
    GradFnRow(expected: "SigmoidBackward0") { try $0.sigmoid() },
    GradFnRow(expected: "TanhBackward0") { try $0.tanh() },
    GradFnRow(expected: "MmBackward0") { try Tensor.matmul($0, try $0.t()) },
    GradFnRow(expected: "MvBackward0") { try Tensor.matmul($0, try Tensor.ones([2])) },
    GradFnRow(expected: "DotBackward0") { try Tensor.matmul(try $0.index([.int(0)]), try Tensor.ones([2])) },
    GradFnRow(expected: "BmmBackward0") { try Tensor.bmm(try $0.unsqueeze(0), try Tensor.ones([1, 2, 2])) },
    GradFnRow(expected: "UnsafeViewBackward0") { try Tensor.matmul(try $0.unsqueeze(0), try Tensor.ones([1, 2, 2])) },
    GradFnRow(expected: "ViewBackward0") { try $0.reshape([4]) },
    GradFnRow(expected: "UnsafeViewBackward0") { try $0.t().reshape([4]) },
    GradFnRow(expected: "PermuteBackward0") { try $0.reversedDims() },
    GradFnRow(expected: "TBackward0") { try $0.t() },
    GradFnRow(expected: "TransposeBackward0") { try $0.transpose(0, 1) },
    GradFnRow(expected: "SelectBackward0") { try $0.index([.slice(nil, nil, nil), .int(1)]) },
    GradFnRow(expected: "SliceBackward0") { try $0.index([.slice(0, 1, nil)]) },
    GradFnRow(expected: "IndexBackward0") { try $0.index([.tensor(try i64([2], [0, 1]))]) },
    GradFnRow(expected: "UnsqueezeBackward0") { try $0.unsqueeze(0) },
    GradFnRow(expected: "SqueezeBackward1") { try $0.unsqueeze(0).squeeze(0) },
    GradFnRow(expected: "SqueezeBackward0") { try $0.squeeze() },
    GradFnRow(expected: "CatBackward0") { try Tensor.cat([$0, $0]) },
    GradFnRow(expected: "StackBackward0") { try Tensor.stack([$0, $0]) },
    GradFnRow(expected: "CloneBackward0") { try $0.clone() },
    GradFnRow(expected: "ToCopyBackward0") { try $0.to(.float64) },
    GradFnRow(expected: "ExpandBackward0") { try $0.expand([3, 2, 2]) },
    GradFnRow(expected: "CopySlices") { x in
        let y = try x.clone()
        try y.indexPut([.int(0), .int(0)], .scalar(.int(5)))
        return y
    },
    GradFnRow(expected: "ClampBackward1") { try $0.clamp(min: .int(0), max: nil) },
    GradFnRow(expected: "WhereBackward0") { try Tensor.where(try Tensor.compare(.gt, t($0), s(0)), t($0), s(0)) },
    GradFnRow(expected: "LinalgVectorNormBackward0") { try $0.norm() },
    GradFnRow(expected: "AliasBackward0") { try $0.index([.ellipsis]) },
    GradFnRow(expected: "SplitBackward0") { try $0.split(1)[0] },
]

@Suite("Autograd")
struct AutogradTests {
    @Test("grad_fn names", arguments: gradFnRows)
    func gradFnName(_ row: GradFnRow) throws {
        let x = try leaf([2, 2], [1, 2, 3, 4])
        #expect(try row.make(x).gradFn?.name == row.expected)
    }

    @Test("no history without requires_grad or under no_grad") func noTape() throws {
        let x = try f32([2], [1, 2])
        #expect(try Tensor.mul(t(x), s(2)).gradFn == nil)
        let w = try leaf([2], [1, 2])
        let y = try GradMode.withDisabled { try Tensor.mul(t(w), s(2)) }
        #expect(y.gradFn == nil && !y.requiresGrad)
        #expect(GradMode.isEnabled)
        #expect(try Tensor.compare(.gt, t(w), s(0)).requiresGrad == false)
        #expect(w.detach().requiresGrad == false && w.detach().sharesStorage(with: w))
        #expect(try w.sum().isLeaf == false && w.isLeaf)
    }

    @Test("autograd errors") func errors() throws {
        let x = try leaf([2, 3], [1, 2, 3, 4, 5, 6])
        expectError(.runtime, "grad can be implicitly created only for scalar outputs") { try Tensor.mul(t(x), s(2)).backward() }
        expectError(.runtime, "element 0 of tensors does not require grad and does not have a grad_fn") { try f32([1], [1]).backward() }
        expectError(.runtime, "a leaf Variable that requires grad is being used in an in-place operation.") { try x.add_(s(1)) }
        expectError(.runtime, "a view of a leaf Variable that requires grad is being used in an in-place operation.") {
            try x.index([.int(0)]).mul_(s(2))
        }
        let y = try Tensor.mul(t(x), s(2)).sum()
        try y.backward()
        expectError(.runtime, "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.") {
            try y.backward()
        }
        // A graph without saved tensors can be walked twice.
        let z = try Tensor.add(t(x), s(1)).sum()
        try z.backward()
        try z.backward()
        // Saved tensor modified in place.
        let a = try Tensor.mul(t(x), s(2))
        let b = try Tensor.mul(t(a), t(a))
        try GradMode.withDisabled { try a.add_(s(1)) }
        expectError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 3]], which is output 0 of Mul, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).") {
            try b.sum().backward()
        }
        let w = try leaf([2], [1, 2])
        let ww = try Tensor.mul(t(w), t(w))
        try GradMode.withDisabled { try w.add_(s(1)) }
        expectError(.runtime, "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]] is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).") {
            try ww.sum().backward()
        }
        expectError(.runtime, "only Tensors of floating point and complex dtype can require gradients") { try i64([1], [1]).requiresGrad_() }
    }

    @Test("accumulation, retain_grad, retain_graph") func accumulation() throws {
        let x = try leaf([2], [1, 2])
        let y = try Tensor.mul(t(x), t(x))
        try y.retainGrad()
        let z = try y.sum()
        try z.backward(retainGraph: true)
        #expect(x.grad?.toDoubles() == [2, 4])
        #expect(y.grad?.toDoubles() == [1, 1])
        try z.backward()
        #expect(x.grad?.toDoubles() == [4, 8])
        let g = try f32([2], [1, 1])
        try Tensor.mul(t(x), s(3)).backward(gradient: g)
        #expect(x.grad?.toDoubles() == [7, 11])
    }

    @Test("in-place on a non-leaf rebases history") func rebase() throws {
        let x = try leaf([2], [1, 2])
        let y = try Tensor.mul(t(x), s(2))
        try y.add_(s(1))
        #expect(y.gradFn?.name == "AddBackward0")
        try y.mul_(s(3))
        #expect(y.gradFn?.name == "MulBackward0")
        try y.sum().backward()
        #expect(x.grad?.toDoubles() == [6, 6])
        // y.mul_(y) saves y itself, which the write then modifies: PyTorch refuses the backward too.
        let z = try Tensor.mul(t(x), s(2))
        try z.mul_(t(z))
        #expect(throws: TensorError.self) { try z.sum().backward() }
    }

    @Test("training-loop update through .data and no_grad") func dataUpdate() throws {
        let w = try leaf([2], [1, 2])
        for _ in 0..<3 {
            let loss = try Tensor.mul(t(w), t(w)).sum()
            try loss.backward()
            let g = try #require(w.grad)
            let before = w.version
            try w.data.sub_(t(try Tensor.mul(t(g), s(0.25))))
            #expect(w.version == before + 1)
            try GradMode.withDisabled { try g.zero_() }
            #expect(w.isLeaf && w.requiresGrad)
        }
        #expect(w.toDoubles() == [0.125, 0.25])
        // Same update under no_grad on the leaf itself.
        let loss = try Tensor.mul(t(w), t(w)).sum()
        try loss.backward()
        try GradMode.withDisabled { try w.sub_(t(try Tensor.mul(t(w.grad!), s(0.5)))) }
        #expect(w.gradFn == nil)
    }

    @Test("deep graphs do not overflow the stack") func deep() throws {
        let x = try leaf([1], [1])
        var y = x
        for _ in 0..<10_000 { y = try Tensor.add(t(y), s(1)) }
        try y.sum().backward()
        #expect(x.grad?.toDoubles() == [1])
    }

    @Test("setitem into a tensor that requires grad") func setitemGrad() throws {
        let x = try leaf([3], [1, 2, 3])
        let y = try Tensor.mul(t(x), s(1))
        try y.indexPut([.int(1)], .scalar(.int(0)))
        #expect(y.gradFn?.name == "CopySlices")
        try y.sum().backward()
        #expect(x.grad?.toDoubles() == [1, 0, 1])
        let z = try Tensor.mul(t(x), s(1))
        try z.indexPut([.tensor(try Tensor(shape: [3], bools: [true, false, true]))], .scalar(.int(0)))
        try Tensor.mul(t(z), t(x)).sum().backward()
        // d/dx (z * x) with z = x outside the mask and 0 inside; added to the earlier [1, 0, 1].
        #expect(x.grad?.toDoubles() == [1, 4, 1])
    }
}

// MARK: finite differences in float64

struct FDCase: Sendable, CustomStringConvertible {
    let name: String
    let shapes: [[Int]]
    var positive = false
    let f: @Sendable ([Tensor]) throws -> Tensor
    var description: String { name }
}

private func v(_ a: [Tensor], _ i: Int) -> Operand { .tensor(a[i]) }

let fdCases: [FDCase] = [
    FDCase(name: "add", shapes: [[2, 3], [3]]) { a in try Tensor.add(v(a, 0), v(a, 1), alpha: .double(0.5)) },
    FDCase(name: "sub", shapes: [[2, 3], [2, 1]]) { a in try Tensor.sub(v(a, 0), v(a, 1)) },
    FDCase(name: "rsub", shapes: [[3]]) { a in try Tensor.sub(s(2.5), v(a, 0)) },
    FDCase(name: "mul", shapes: [[2, 3], [1, 3]]) { a in try Tensor.mul(v(a, 0), v(a, 1)) },
    FDCase(name: "div", shapes: [[2, 3], [2, 3]], positive: true) { a in try Tensor.div(v(a, 0), v(a, 1)) },
    FDCase(name: "rdiv", shapes: [[3]], positive: true) { a in try Tensor.div(s(2.0), v(a, 0)) },
    FDCase(name: "pow scalar", shapes: [[3]], positive: true) { a in try Tensor.pow(v(a, 0), s(2.5)) },
    FDCase(name: "pow tensor", shapes: [[3], [3]], positive: true) { a in try Tensor.pow(v(a, 0), v(a, 1)) },
    FDCase(name: "pow scalar base", shapes: [[3]]) { a in try Tensor.pow(s(1.7), v(a, 0)) },
    FDCase(name: "maximum", shapes: [[4], [4]]) { a in try Tensor.maximum(v(a, 0), v(a, 1)) },
    FDCase(name: "minimum", shapes: [[4], [4]]) { a in try Tensor.minimum(v(a, 0), v(a, 1)) },
    FDCase(name: "remainder", shapes: [[4]], positive: true) { a in try Tensor.remainder(v(a, 0), s(0.3)) },
    FDCase(name: "neg abs", shapes: [[4]]) { a in try a[0].neg().abs() },
    FDCase(name: "exp", shapes: [[4]]) { a in try a[0].exp() },
    FDCase(name: "log", shapes: [[4]], positive: true) { a in try a[0].log() },
    FDCase(name: "log2", shapes: [[4]], positive: true) { a in try a[0].unary(.log2) },
    FDCase(name: "log10", shapes: [[4]], positive: true) { a in try a[0].unary(.log10) },
    FDCase(name: "log1p", shapes: [[4]], positive: true) { a in try a[0].unary(.log1p) },
    FDCase(name: "expm1", shapes: [[4]]) { a in try a[0].unary(.expm1) },
    FDCase(name: "sqrt", shapes: [[4]], positive: true) { a in try a[0].sqrt() },
    FDCase(name: "rsqrt", shapes: [[4]], positive: true) { a in try a[0].unary(.rsqrt) },
    FDCase(name: "sin", shapes: [[4]]) { a in try a[0].unary(.sin) },
    FDCase(name: "cos", shapes: [[4]]) { a in try a[0].unary(.cos) },
    FDCase(name: "tan", shapes: [[4]]) { a in try a[0].unary(.tan) },
    FDCase(name: "tanh", shapes: [[4]]) { a in try a[0].tanh() },
    FDCase(name: "sigmoid", shapes: [[4]]) { a in try a[0].sigmoid() },
    FDCase(name: "relu", shapes: [[4]]) { a in try a[0].relu() },
    FDCase(name: "reciprocal", shapes: [[4]], positive: true) { a in try a[0].reciprocal() },
    FDCase(name: "square", shapes: [[4]]) { a in try a[0].square() },
    FDCase(name: "clamp scalar", shapes: [[6]]) { a in try a[0].clamp(min: .double(-0.3), max: .double(0.4)) },
    FDCase(name: "clamp tensor", shapes: [[6], [6]]) { a in try a[0].clamp(min: a[1], max: nil) },
    FDCase(name: "sum dims", shapes: [[2, 3, 4]]) { a in try a[0].sum(dims: [0, 2]) },
    FDCase(name: "mean keepdim", shapes: [[2, 3]]) { a in try a[0].mean(dims: [1], keepdim: true) },
    FDCase(name: "prod", shapes: [[2, 3]], positive: true) { a in try a[0].prod(dim: 1) },
    FDCase(name: "max all", shapes: [[2, 3]]) { a in try a[0].max() },
    FDCase(name: "min dim", shapes: [[2, 3]]) { a in try a[0].min(dim: 0).values },
    FDCase(name: "amax", shapes: [[2, 3]]) { a in try a[0].amax(dims: [1]) },
    FDCase(name: "var", shapes: [[2, 3]]) { a in try a[0].variance(dims: [1]) },
    FDCase(name: "std", shapes: [[2, 3]]) { a in try a[0].std() },
    FDCase(name: "norm", shapes: [[2, 3]]) { a in try a[0].norm() },
    FDCase(name: "norm p1 dim", shapes: [[2, 3]]) { a in try a[0].norm(p: 1, dims: [1]) },
    FDCase(name: "norm p3", shapes: [[4]], positive: true) { a in try a[0].norm(p: 3) },
    FDCase(name: "mm", shapes: [[2, 3], [3, 4]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "mv", shapes: [[2, 3], [3]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "vm", shapes: [[3], [3, 2]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "dot", shapes: [[3], [3]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "bmm", shapes: [[2, 2, 3], [2, 3, 2]]) { a in try Tensor.bmm(a[0], a[1]) },
    FDCase(name: "batched broadcast", shapes: [[2, 1, 2, 3], [3, 3, 2]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "3d @ 2d", shapes: [[2, 2, 3], [3, 2]]) { a in try Tensor.matmul(a[0], a[1]) },
    FDCase(name: "outer", shapes: [[3], [2]]) { a in try Tensor.outer(a[0], a[1]) },
    FDCase(name: "reshape permute", shapes: [[2, 6]]) { a in try a[0].reshape([3, 2, 2]).permute([2, 0, 1]) },
    FDCase(name: "transpose t", shapes: [[2, 3]]) { a in try Tensor.mul(t(try a[0].t()), t(try a[0].transpose(0, 1))) },
    FDCase(name: "expand", shapes: [[3, 1]]) { a in try Tensor.mul(t(try a[0].expand([3, 4])), t(try a[0].expand([3, 4]))) },
    FDCase(name: "select slice", shapes: [[4, 5]]) { a in try a[0].index([.slice(1, nil, 2), .int(-1)]) },
    FDCase(name: "advanced index", shapes: [[4, 3]]) { a in try a[0].index([.tensor(try i64([3], [0, 2, 0]))]) },
    FDCase(name: "mask index", shapes: [[4]]) { a in
        try a[0].index([.tensor(try Tensor(shape: [4], bools: [true, false, true, true]))])
    },
    FDCase(name: "cat stack", shapes: [[2, 3], [1, 3]]) { a in
        try Tensor.add(t(try Tensor.cat([a[0], a[1]], dim: 0)), t(try Tensor.stack([a[1], a[1], a[1]], dim: 0).squeeze(1)))
    },
    FDCase(name: "where", shapes: [[4], [4]]) { a in try Tensor.where(try Tensor.compare(.gt, v(a, 0), s(0)), v(a, 0), v(a, 1)) },
    FDCase(name: "cumsum flip", shapes: [[2, 3]]) { a in try a[0].cumsum(1).flip(0) },
    FDCase(name: "sort topk", shapes: [[5]]) { a in try Tensor.add(t(try a[0].sort().values), t(try a[0].topk(5).values)) },
    FDCase(name: "split", shapes: [[5]]) { a in try Tensor.mul(t(try a[0].split(2)[1]), t(try a[0].chunk(3)[0])) },
    FDCase(name: "clone mul_", shapes: [[3]]) { a in try a[0].clone().mul_(s(2)) },
    FDCase(name: "setitem copyslices", shapes: [[3, 3], [2]]) { a in
        let y = try Tensor.zeros([3, 3], dtype: .float64)
        try y.indexPut([.int(1), .slice(0, 2, nil)], .tensor(a[1]))
        try y.indexPut([.int(2)], .tensor(try a[0].index([.int(0)])))
        return try Tensor.mul(t(y), t(a[0]))
    },
    FDCase(name: "index_put with tensor", shapes: [[4], [2]]) { a in
        let y = try Tensor.mul(v(a, 0), s(1))
        try y.indexPut([.tensor(try i64([2], [3, 0]))], .tensor(a[1]))
        return try Tensor.mul(t(y), t(a[0]))
    },
    FDCase(name: "in-place chain", shapes: [[3], [3]]) { a in
        let y = try Tensor.mul(v(a, 0), s(1))
        try y.mul_(v(a, 1)).add_(v(a, 0)).unaryInPlace(.tanh)
        try y.index([.int(0)]).mul_(s(3))
        return y
    },
]

/// Deterministic pseudo-random values in [-1, 1] (or [0.2, 1.2] when positive), distinct enough to avoid ties.
private func fdValues(_ n: Int, seed: Int, positive: Bool) -> [Double] {
    (0..<n).map { i in
        let x = sin(Double(i * 7 + seed * 13) * 1.3 + 0.1) * 0.9 + Double(i) * 0.013
        return positive ? Swift.abs(x) + 0.2 : x
    }
}

@Suite("Finite-difference gradient checks (float64)")
struct FiniteDifferenceTests {
    @Test("analytic gradients match central differences", arguments: fdCases)
    func check(_ c: FDCase) throws {
        let values = c.shapes.enumerated().map { fdValues($1.reduce(1, *), seed: $0, positive: c.positive) }
        let inputs = try zip(c.shapes, values).map { shape, vals -> Tensor in
            let x = try f64(shape, vals)
            try x.requiresGrad_()
            return x
        }
        let out = try c.f(inputs)
        let r = try f64(out.shape, fdValues(out.count, seed: 99, positive: false))
        try Tensor.mul(t(out), t(r)).sum().backward()
        let eps = 1e-6
        for (k, shape) in c.shapes.enumerated() {
            let analytic = try #require(inputs[k].grad, "no grad for input \(k) of \(c.name)").toDoubles()
            var numeric: [Double] = []
            for i in 0..<values[k].count {
                func eval(_ delta: Double) throws -> Double {
                    var xs = values
                    xs[k][i] += delta
                    let ins = try zip(c.shapes, xs).map { try f64($0, $1) }
                    return try GradMode.withDisabled { try Tensor.mul(t(try c.f(ins)), t(r)).sum().item().doubleValue }
                }
                numeric.append((try eval(eps) - eval(-eps)) / (2 * eps))
            }
            _ = shape
            #expect(close(analytic, numeric, rel: 1e-5, abs: 1e-6), "\(c.name) input \(k): \(analytic) vs \(numeric)")
        }
    }
}
