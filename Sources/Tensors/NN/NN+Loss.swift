/// Losses: `F.mse_loss`, `F.nll_loss`, `F.cross_entropy` (class indices or probabilities, label smoothing).
extension NN {
    /// `F.mse_loss(input, target, reduction)` (`MseLossBackward0`). Different shapes broadcast (PyTorch
    /// also warns; see `mseLossSizeWarning`); different dtypes promote.
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        var x = input
        var t = target
        if x.shape != t.shape {
            let shape = try broadcastShapes(x.shape, t.shape)
            x = try x.expand(shape)
            t = try t.expand(shape)
        }
        let dt = DType.promote(x.dtype, t.dtype)
        if !dt.isFloatingPoint { throw notImplemented("mse_cpu", dt) }
        x = try x.to(dt)
        t = try t.to(dt)
        let xc = try x.contiguousRaw()
        let tc = try t.contiguousRaw()
        let n = xc.count
        let squares = try Tensor(allocating: x.shape, dtype: dt)
        func run<T: FloatElement>(_: T.Type) {
            let px = xc.pointer(T.self)
            let pt = tc.pointer(T.self)
            let ps = squares.pointer(T.self)
            for i in 0..<n {
                let d = px[i] - pt[i]
                ps[i] = d * d
            }
        }
        if dt == .float32 { run(Float.self) } else { run(Double.self) }
        let out: Tensor
        switch reduction {
        case .none: out = squares
        case .sum: out = try squares.sumRaw([Bool](repeating: true, count: squares.rank), keepdim: false)
        case .mean:
            let s = try squares.sumRaw([Bool](repeating: true, count: squares.rank), keepdim: false)
            out = try Tensor.binaryRaw(.div, .tensor(s), .scalar(.int(n)), out: s)
        }
        if shouldRecord(x, t) {
            let sx = SavedTensor(x)
            let st = SavedTensor(t)
            let shape = x.shape
            record(out, "MseLossBackward0", [x, t], saves: true) { g, needs in
                let xv = try sx.unpack().contiguousRaw()
                let tv = try st.unpack().contiguousRaw()
                let gc = try g.contiguousRaw()
                let gx = try Tensor(allocating: shape, dtype: dt)
                func back<T: FloatElement>(_: T.Type) {
                    let px = xv.pointer(T.self)
                    let pt = tv.pointer(T.self)
                    let pg = gc.pointer(T.self)
                    let po = gx.pointer(T.self)
                    switch reduction {
                    case .none:
                        for i in 0..<n { po[i] = 2 * (px[i] - pt[i]) * pg[i] }
                    case .sum, .mean:
                        let scale = reduction == .mean ? 2 * pg[0] / T(n) : 2 * pg[0]
                        for i in 0..<n { po[i] = (px[i] - pt[i]) * scale }
                    }
                }
                if dt == .float32 { back(Float.self) } else { back(Double.self) }
                return [needs[0] ? gx : nil, needs[1] ? try gx.negRaw() : nil]
            }
        }
        return out
    }

    /// PyTorch's UserWarning text when `F.mse_loss` gets differently sized input and target (nil when
    /// the sizes agree). The interpreter prints it; the loss itself broadcasts.
    public static func mseLossSizeWarning(input: Tensor, target: Tensor) -> String? {
        if input.shape == target.shape { return nil }
        func size(_ s: [Int]) -> String { "torch.Size(\(shapeString(s)))" }
        return "Using a target size (\(size(target.shape))) that is different to the input size (\(size(input.shape))). "
            + "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size."
    }

    /// `F.nll_loss(input, target, weight, ignore_index, reduction)` (`NllLossBackward0`). `input` holds
    /// log-probabilities: (C), (N, C) or (N, C, d1, …); `target` holds int64 class indices: (), (N) or
    /// (N, d1, …). `weight` rescales each class; no gradient flows to it or to the target.
    public static func nllLoss(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean
    ) throws -> Tensor {
        let r = input.rank
        if r < 1 { throw TensorError(.value, "Expected 1 or more dimensions (got \(r))") }
        if r != 1, target.rank == 0 || input.shape[0] != target.shape[0] {
            let tb = target.rank == 0 ? "" : "\(target.shape[0])"
            throw TensorError(.value, "Expected input batch_size (\(input.shape[0])) to match target batch_size (\(tb)).")
        }
        let classes = input.shape[r == 1 ? 0 : 1]
        let batch = r == 1 ? 1 : input.shape[0]
        var spatial = 1
        if r <= 2 {
            if target.rank > 1 {
                throw TensorError.runtime("0D or 1D target tensor expected, multi-target not supported")
            }
            if r == 1 && target.count != 1 {
                throw TensorError.runtime(
                    "size mismatch (got input: \(shapeString(input.shape)), target: \(shapeString(target.shape)))")
            }
        } else {
            let expected = [input.shape[0]] + Array(input.shape[2...])
            if target.shape != expected {
                throw TensorError(.value, "Expected target size \(shapeString(expected)), got \(shapeString(target.shape))")
            }
            spatial = shapeCount(Array(input.shape[2...]))
        }
        if let weight, weight.count != classes || weight.rank != 1 {
            throw TensorError.runtime(
                "weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor "
                    + "of shape: \(shapeString(weight.shape))")
        }
        if target.dtype != .int64 {
            throw TensorError.runtime("expected scalar type Long but found \(target.dtype.scalarTypeName)")
        }
        if !input.dtype.isFloatingPoint { throw notImplemented("nll_loss_out_frame", input.dtype) }
        let dt = input.dtype
        let x = try input.contiguousRaw()
        let tc = try target.contiguousRaw()
        let w = try weight.map { try $0.to(dt).contiguousRaw() }
        let lossShape = reduction == .none ? target.shape : []
        let out = try Tensor(allocating: lossShape, dtype: dt)
        var totalWeight = 0.0
        var badTarget: Int64? = nil
        func run<T: FloatElement>(_: T.Type) {
            let px = x.pointer(T.self)
            let pt = tc.pointer(Int64.self)
            let pw = w?.pointer(T.self)
            let po = out.pointer(T.self)
            var total = 0.0
            for n in 0..<batch {
                for s in 0..<spatial {
                    let j = n * spatial + s
                    let c = pt[j]
                    if c == Int64(ignoreIndex) {
                        if reduction == .none { po[j] = 0 }
                        continue
                    }
                    if c < 0 || c >= Int64(classes) {
                        badTarget = c
                        return
                    }
                    let k = Int(c)
                    let wk = pw?[k] ?? 1
                    let loss = -wk * px[(n * classes + k) * spatial + s]
                    if reduction == .none { po[j] = loss }
                    total += loss.asDouble
                    totalWeight += wk.asDouble
                }
            }
            switch reduction {
            case .none: break
            case .sum: po[0] = T(total)
            case .mean: po[0] = T(total / totalWeight)
            }
        }
        if dt == .float32 { run(Float.self) } else { run(Double.self) }
        if let bad = badTarget { throw TensorError(.index, "Target \(bad) is out of bounds.") }
        if shouldRecord(input) {
            let savedTarget = SavedTensor(target)
            let inShape = input.shape
            let total = totalWeight
            record(out, "NllLossBackward0", [input, nil], saves: true) { g, _ in
                let tv = try savedTarget.unpack().contiguousRaw()
                let gc = try g.contiguousRaw()
                let gx = try Tensor(allocating: inShape, dtype: dt, zeroed: true)
                func back<T: FloatElement>(_: T.Type) {
                    let pt = tv.pointer(Int64.self)
                    let pw = w?.pointer(T.self)
                    let pg = gc.pointer(T.self)
                    let po = gx.pointer(T.self)
                    for n in 0..<batch {
                        for s in 0..<spatial {
                            let j = n * spatial + s
                            let c = pt[j]
                            // Targets were range-checked in the forward; a later in-place change fails unpack().
                            if c == Int64(ignoreIndex) || c < 0 || c >= Int64(classes) { continue }
                            let k = Int(c)
                            let wk = pw?[k] ?? 1
                            let gj: T
                            switch reduction {
                            case .none: gj = pg[j]
                            case .sum: gj = pg[0]
                            case .mean: gj = pg[0] / T(total)
                            }
                            po[(n * classes + k) * spatial + s] = -wk * gj
                        }
                    }
                }
                if dt == .float32 { back(Float.self) } else { back(Double.self) }
                return [gx, nil]
            }
        }
        return out
    }

    /// `F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)`.
    ///
    /// The class dim is 1 (0 for a 1-D input). A `target` of the input's shape holds class
    /// probabilities (floating dtype); otherwise int64 class indices, computed as
    /// `nll_loss(log_softmax(input, class_dim))` (`NllLossBackward0`). Label smoothing follows
    /// PyTorch's formulas (the result then records the final add / division).
    public static func crossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: Reduction = .mean, labelSmoothing: Double = 0
    ) throws -> Tensor {
        if !(labelSmoothing >= 0 && labelSmoothing <= 1) {
            throw TensorError.runtime("label_smoothing must be between 0.0 and 1.0. Got: \(cppDouble(labelSmoothing))")
        }
        let classDim = input.rank == 1 ? 0 : 1
        if input.shape == target.shape {
            if !target.dtype.isFloatingPoint {
                throw TensorError.runtime(
                    "Expected floating point type for target with class probabilities, got \(target.dtype.scalarTypeName)")
            }
            if ignoreIndex >= 0 { throw TensorError.runtime("ignore_index is not supported for floating point target") }
            return try crossEntropyProbabilities(input, target, weight: weight, reduction: reduction,
                                                 labelSmoothing: labelSmoothing, classDim: classDim)
        }
        if input.rank == 0 { throw TensorError(.value, "Expected 1 or more dimensions (got 0)") }
        let logp = try logSoftmax(input, dim: classDim)
        let nll = try nllLoss(logp, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
        if labelSmoothing == 0 { return nll }

        // (1 - ε) · nll + ε / C · smooth, smooth = -Σ_c w_c log p_c, zero at ignored targets.
        let classes = input.shape[classDim]
        let weighted = try weight.map { try Tensor.mul(.tensor(logp), .tensor(try classWeightView($0, rank: input.rank, classDim: classDim))) } ?? logp
        let ignored = try Tensor.compare(.eq, .tensor(target), .scalar(.int(ignoreIndex)))
        let smooth = try weighted.sum(dims: [classDim]).neg().maskedFill(ignored, .int(0))
        let reduced: Tensor
        switch reduction {
        case .none: reduced = smooth
        case .sum: reduced = try smooth.sum()
        case .mean:
            // Normalised like nll_loss: by the (weighted) count of non-ignored targets.
            var denominator = 0.0
            let tc = try target.to(.int64).contiguousRaw()
            let wv = try weight.map { try $0.to(.float64).contiguousRaw() }
            let pt = tc.pointer(Int64.self)
            for j in 0..<tc.count where pt[j] != Int64(ignoreIndex) {
                let k = Int(pt[j])
                if let wv { if k >= 0 && k < wv.count { denominator += wv.pointer(Double.self)[k] } } else { denominator += 1 }
            }
            reduced = try Tensor.div(.tensor(try smooth.sum()), .scalar(.double(denominator)))
        }
        let a = try Tensor.mul(.tensor(nll), .scalar(.double(1 - labelSmoothing)))
        let b = try Tensor.mul(.tensor(reduced), .scalar(.double(labelSmoothing / Double(classes))))
        return try Tensor.add(.tensor(a), .tensor(b))
    }

    /// Cross entropy against class probabilities: -Σ_c w_c t_c log p_c, reduced.
    private static func crossEntropyProbabilities(
        _ input: Tensor, _ target: Tensor, weight: Tensor?, reduction: Reduction, labelSmoothing: Double, classDim: Int
    ) throws -> Tensor {
        let classes = input.rank == 0 ? 1 : input.shape[classDim]
        if let weight, weight.rank != 1 || weight.count != classes {
            throw TensorError.runtime(
                "cross_entropy: weight tensor should be defined either for all \(classes) classes or no classes but got "
                    + "weight tensor of shape: \(shapeString(weight.shape))")
        }
        let logp = try logSoftmax(input, dim: classDim)
        var t = target
        if labelSmoothing > 0 {
            t = try Tensor.add(.tensor(try Tensor.mul(.tensor(target), .scalar(.double(1 - labelSmoothing)))),
                               .scalar(.double(labelSmoothing / Double(classes))))
        }
        var product = try Tensor.mul(.tensor(logp), .tensor(t))
        if let weight {
            let w = input.rank > 1 ? try classWeightView(weight, rank: input.rank, classDim: classDim) : weight
            product = try Tensor.mul(.tensor(product), .tensor(w))
        }
        switch reduction {
        case .none: return try product.sum(dims: [classDim]).neg()
        case .sum: return try product.sum().neg()
        case .mean:
            let s = try product.sum().neg()
            if input.count == 0 { return try Tensor.mul(.tensor(s), .scalar(.double(.nan))) }
            return try Tensor.div(.tensor(s), .scalar(.int(input.count / Swift.max(classes, 1))))
        }
    }

    /// The class weights viewed to broadcast along `classDim` of a rank-`rank` tensor.
    private static func classWeightView(_ weight: Tensor, rank: Int, classDim: Int) throws -> Tensor {
        var shape = [Int](repeating: 1, count: rank)
        shape[classDim] = weight.count
        return try weight.view(shape)
    }

    /// A double as C++ streams print it in PyTorch messages (`1.5`, `2`).
    static func cppDouble(_ d: Double) -> String {
        if d.isFinite && d == d.rounded() && Swift.abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }
}
