/// `F.linear` with PyTorch's decomposition (so grad_fn names match) and the fused `addmm` it uses.
extension NN {
    /// `F.linear(input, weight, bias)` = input · weightᵀ + bias, decomposed as PyTorch's `at::linear`:
    /// * 2-D input with bias: `addmm(bias, input, weight.t())` → `AddmmBackward0`;
    /// * other contiguous inputs with a 1-D bias: reshape to 2-D, `addmm`, then `view` → `ViewBackward0`;
    /// * no bias: `matmul(input, weight.t())` → `MmBackward0` for 2-D input (`UnsafeViewBackward0` for
    ///   3-D and up, as matmul folds the batch);
    /// * otherwise `matmul` then `add` → `AddBackward0`.
    public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        if input.rank == 0 || weight.rank == 0 {
            throw TensorError.runtime(
                "both arguments to linear need to be at least 1D, but they are \(input.rank)D and \(weight.rank)D")
        }
        if let bias, weight.rank == 2 {
            if input.rank == 2 {
                return try addmm(bias, input, try weight.t())
            }
            if input.isContiguous && bias.rank == 1 {
                let lead = Array(input.shape.dropLast())
                var rows = 1
                for d in lead { rows = rows.multipliedReportingOverflow(by: d).partialValue }
                let flat = try input.reshape([rows, input.shape[input.rank - 1]])
                let r = try addmm(bias, flat, try weight.t())
                return try r.view(lead + [r.shape[1]])
            }
        }
        let out = try Tensor.matmul(input, try weight.t())
        guard let bias else { return out }
        return try Tensor.add(.tensor(out), .tensor(bias))
    }

    /// `torch.addmm(bias, mat1, mat2)` = bias (broadcast) + mat1 · mat2 (`AddmmBackward0`).
    public static func addmm(_ bias: Tensor, _ mat1: Tensor, _ mat2: Tensor) throws -> Tensor {
        if mat1.rank != 2 { throw TensorError.runtime("mat1 must be a matrix, got \(mat1.rank)-D tensor") }
        if mat2.rank != 2 { throw TensorError.runtime("mat2 must be a matrix, got \(mat2.rank)-D tensor") }
        let m = mat1.shape[0]
        let n = mat2.shape[1]
        if mat1.shape[1] != mat2.shape[0] {
            throw TensorError.runtime(
                "mat1 and mat2 shapes cannot be multiplied (\(m)x\(mat1.shape[1]) and \(mat2.shape[0])x\(n))")
        }
        if mat1.dtype != mat2.dtype {
            throw TensorError.runtime(
                "mat1 and mat2 must have the same dtype, but got \(mat1.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        if bias.dtype != mat2.dtype {
            throw TensorError.runtime(
                "self and mat2 must have the same dtype, but got \(bias.dtype.scalarTypeName) and \(mat2.dtype.scalarTypeName)")
        }
        // Broadcasting errors come out with expand's wording.
        let expandedBias = try GradMode.withDisabled { try bias.expand([m, n]) }
        let out = try Tensor.mmRaw(mat1, mat2)
        _ = try Tensor.binaryRaw(.add, .tensor(out), .tensor(expandedBias), out: out)
        if GradMode.isEnabled && out.dtype.isFloatingPoint
            && (bias.requiresGrad || mat1.requiresGrad || mat2.requiresGrad)
        {
            let s1 = SavedTensor(mat1)
            let s2 = SavedTensor(mat2)
            let biasShape = bias.shape
            record(out, "AddmmBackward0", [bias, mat1, mat2], saves: true) { g, needs in
                [needs[0] ? try g.sumToShape(biasShape) : nil,
                 needs[1] ? try Tensor.mmRaw(g, try s2.unpack().transposedRaw()) : nil,
                 needs[2] ? try Tensor.mmRaw(try s1.unpack().transposedRaw(), g) : nil]
            }
        }
        return out
    }
}
