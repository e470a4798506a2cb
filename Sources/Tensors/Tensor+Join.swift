/// Joining tensors: cat, stack.
extension Tensor {
    /// `torch.cat(tensors, dim)`: dtypes promote; 1-D empty tensors are skipped like PyTorch's legacy rule.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.value("torch.cat(): expected a non-empty list of Tensors")
        }
        let parts = tensors.filter { !($0.rank == 1 && $0.shape[0] == 0) }
        guard let ref = parts.first else { return try first.clone() }
        if ref.rank == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position 0) cannot be concatenated")
        }
        let d = try normalizeDim(dim, rank: ref.rank)
        var dt = ref.dtype
        var total = 0
        for (i, t) in tensors.enumerated() where !(t.rank == 1 && t.shape[0] == 0) {
            if t.rank == 0 {
                throw TensorError.runtime("zero-dimensional tensor (at position \(i)) cannot be concatenated")
            }
            if t.rank != ref.rank {
                throw TensorError.runtime(
                    "Tensors must have same number of dimensions: got \(ref.rank) and \(t.rank)")
            }
            for k in 0..<ref.rank where k != d && t.shape[k] != ref.shape[k] {
                throw TensorError.runtime(
                    "Sizes of tensors must match except in dimension \(d). Expected size \(ref.shape[k]) but got size "
                        + "\(t.shape[k]) for tensor number \(i) in the list.")
            }
            dt = DType.promote(dt, t.dtype)
            total += t.shape[d]
        }
        var outShape = ref.shape
        outShape[d] = total
        let out = try Tensor(allocating: outShape, dtype: dt)
        var offset = 0
        var sizes: [Int] = []
        for t in parts {
            let len = t.shape[d]
            let dst = try GradMode.withDisabled { try out.slice(d, start: offset, stop: offset + len) }
            copyElements(from: t, to: dst)
            offset += len
            sizes.append(len)
        }
        if shouldRecord(parts) && dt.isFloatingPoint {
            record(out, "CatBackward0", parts) { g, needs in
                var grads: [Tensor?] = []
                var off = 0
                for (i, len) in sizes.enumerated() {
                    grads.append(needs[i] ? try g.slice(d, start: off, stop: off + len).cloneContiguous() : nil)
                    off += len
                }
                return grads
            }
        }
        return out
    }

    /// `torch.stack(tensors, dim)`: all shapes equal; inserts a new dim.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.runtime("stack expects a non-empty TensorList")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime(
                "stack expects each tensor to be equal size, but got \(shapeString(first.shape)) at entry 0 and "
                    + "\(shapeString(t.shape)) at entry \(i)")
        }
        let d = try normalizeDim(dim, rank: first.rank + 1)
        let expanded = try GradMode.withDisabled { try tensors.map { try $0.unsqueeze(d) } }
        let out = try GradMode.withDisabled { try cat(expanded, dim: d) }
        if shouldRecord(tensors) && out.dtype.isFloatingPoint {
            record(out, "StackBackward0", tensors) { g, needs in
                try (0..<needs.count).map { i in needs[i] ? try g.select(d, i).cloneContiguous() : nil }
            }
        }
        return out
    }
}
