/// In-place operations (`add_`, `mul_`, `copy_`, `fill_`, setitem…) with PyTorch's autograd rules:
/// leaves that require grad refuse in-place writes; a non-leaf's history is rebased onto the new op;
/// a write into a view gives the view's base a `CopySlices` node, so gradients still reach values
/// written into a tensor that was created without requires_grad (D2L's corr2d loop).
extension Tensor {
    /// Runs an in-place update. `direct` writes into self without autograd (the fast path);
    /// `compute` returns the new value of self as a fresh tensor computed from `snapshot` (a copy of
    /// self's old value carrying its history) with autograd recording on.
    @discardableResult
    func applyInPlace(others: [Tensor], direct: () throws -> Void, compute: (Tensor) throws -> Tensor) throws -> Tensor {
        let needsGrad = GradMode.isEnabled && (requiresGrad || others.contains { $0.requiresGrad })
        if !needsGrad {
            try direct()
            storage.bumpVersion()
            return self
        }
        if gradFn == nil && leafRequiresGrad {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let base = viewBase, base.gradFn == nil, base.leafRequiresGrad {
            throw TensorError.runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
        let snapshot: Tensor
        if viewBase == nil {
            snapshot = try clone()
        } else {
            // A stand-in leaf: CopySlices uses the gradient computed for it, not its edge.
            snapshot = try cloneContiguous()
            snapshot.leafRequiresGrad = dtype.isFloatingPoint
        }
        let result = try compute(snapshot)
        if result.shape != shape {
            throw TensorError.runtime(
                "output with shape \(shapeString(shape)) doesn't match the broadcast shape \(shapeString(result.shape))")
        }
        if !DType.canCast(from: result.dtype, to: dtype) {
            throw TensorError.runtime(
                "result type \(result.dtype.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        copyElements(from: result, to: self)
        storage.bumpVersion()
        guard let fn = result.gradFn else { return self }
        if let base = viewBase {
            let baseGeo = Geometry(base)
            let viewGeo = Geometry(self)
            var edges: [GradEdge?] = [base.gradEdge]
            edges.append(contentsOf: fn.next.dropFirst())
            var dtypes: [DType] = [base.dtype]
            dtypes.append(contentsOf: fn.inputDTypes.dropFirst())
            let copySlices = GradNode(name: "CopySlices", next: edges, inputDTypes: dtypes,
                                      savesTensors: fn.savesTensors) { g, _ in
                let (resultBase, gradSlice) = try zerosMirroring(base: baseGeo, view: viewGeo, dtype: g.dtype)
                copyElements(from: g, to: resultBase)
                let res = try fn.apply(try gradSlice.cloneContiguous())
                if let g0 = res.first ?? nil {
                    copyElements(from: g0, to: gradSlice)
                } else {
                    gradSlice.fillRaw(.int(0))
                }
                // resultBase mirrors the base's layout; hand it on directly when that is plain contiguous.
                let baseGrad = resultBase.isContiguous && resultBase.storageOffset == 0
                    ? resultBase : try resultBase.cloneContiguous()
                var out: [Tensor?] = [baseGrad]
                out.append(contentsOf: res.dropFirst())
                return out
            }
            base.setHistory(copySlices)
            let viewNode = GradNode(name: "AsStridedBackward0", next: [GradEdge(node: copySlices)],
                                    inputDTypes: [base.dtype], savesTensors: false) { g, _ in
                [try asStridedBackward(g, base: baseGeo, view: viewGeo)]
            }
            setHistory(viewNode)
        } else {
            setHistory(fn)
        }
        return self
    }

    /// `self.op_(other)` for a binary op (`add_`, `sub_`, `mul_`, `div_`, `pow_`, `remainder_`…).
    @discardableResult
    public func binaryInPlace(_ op: BinaryOp, _ other: Operand, alpha: Scalar? = nil) throws -> Tensor {
        let others = other.tensorValue.map { [$0] } ?? []
        try checkInPlaceOverlap(reading: others)
        return try applyInPlace(others: others, direct: {
            var rhs = other
            if let alpha, alpha != .int(1) {
                rhs = try GradMode.withDisabled {
                    switch other {
                    case .scalar(let s):
                        switch (s, alpha) {
                        case (.double, _), (_, .double): return .scalar(.double(s.doubleValue * alpha.doubleValue))
                        default: return .scalar(.int(s.intValue &* alpha.intValue))
                        }
                    case .tensor(let t): return .tensor(try Tensor.binaryRaw(.mul, .tensor(t), .scalar(alpha)))
                    }
                }
            }
            let effectiveOp: BinaryOp = op
            _ = try Tensor.binaryRaw(effectiveOp, .tensor(self), rhs, out: self)
        }, compute: { snap in
            // Check the cast and broadcast rules before computing with history.
            let (_, resultDT) = try Tensor.binaryDTypes(op, .tensor(self), other)
            if !DType.canCast(from: resultDT, to: dtype) {
                throw TensorError.runtime(
                    "result type \(resultDT.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
            }
            switch op {
            case .add: return try Tensor.add(.tensor(snap), other, alpha: alpha)
            case .sub: return try Tensor.sub(.tensor(snap), other, alpha: alpha)
            default: return try Tensor.binary(op, .tensor(snap), other)
            }
        })
    }

    @discardableResult public func add_(_ other: Operand, alpha: Scalar? = nil) throws -> Tensor {
        try binaryInPlace(.add, other, alpha: alpha)
    }
    @discardableResult public func sub_(_ other: Operand, alpha: Scalar? = nil) throws -> Tensor {
        try binaryInPlace(.sub, other, alpha: alpha)
    }
    @discardableResult public func mul_(_ other: Operand) throws -> Tensor { try binaryInPlace(.mul, other) }
    @discardableResult public func div_(_ other: Operand) throws -> Tensor { try binaryInPlace(.div, other) }
    @discardableResult public func pow_(_ other: Operand) throws -> Tensor { try binaryInPlace(.pow, other) }

    /// `self.op_()` for a unary op (`relu_`, `neg_`, `exp_`…).
    @discardableResult
    public func unaryInPlace(_ op: UnaryOp) throws -> Tensor {
        let outDT = try Tensor.unaryDType(op, dtype)
        if !DType.canCast(from: outDT, to: dtype) {
            throw TensorError.runtime(
                "result type \(outDT.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        try checkInPlaceOverlap(reading: [])
        return try applyInPlace(others: [], direct: {
            copyElements(from: try unaryRaw(op), to: self)
        }, compute: { snap in try snap.unary(op) })
    }

    @discardableResult public func relu_() throws -> Tensor { try unaryInPlace(.relu) }

    /// `clamp_(min, max)` with scalar bounds.
    @discardableResult
    public func clamp_(min lo: Scalar?, max hi: Scalar?) throws -> Tensor {
        try applyInPlace(others: [], direct: {
            let r = try GradMode.withDisabled { try clamp(min: lo, max: hi) }
            if !DType.canCast(from: r.dtype, to: dtype) {
                throw TensorError.runtime(
                    "result type \(r.dtype.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
            }
            copyElements(from: r, to: self)
        }, compute: { snap in try snap.clamp(min: lo, max: hi) })
    }

    /// `fill_(value)`.
    @discardableResult
    public func fill_(_ value: Scalar) throws -> Tensor {
        try applyInPlace(others: [], direct: { fillRaw(value) }, compute: { snap in
            let r = try Tensor.full(shape, value, dtype: dtype)
            if snap.requiresGrad {
                record(r, "FillBackward0", [snap]) { g, _ in [try Tensor.zerosLike(g)] }
            }
            return r
        })
    }

    /// `zero_()`.
    @discardableResult
    public func zero_() throws -> Tensor {
        try applyInPlace(others: [], direct: { fillRaw(.int(0)) }, compute: { snap in
            let r = try Tensor.zeros(shape, dtype: dtype)
            if snap.requiresGrad {
                record(r, "ZeroBackward0", [snap]) { g, _ in [try Tensor.zerosLike(g)] }
            }
            return r
        })
    }

    /// `copy_(src)`: src broadcast to self's shape, any dtype cast (CopyBackwards).
    @discardableResult
    public func copy_(_ src: Tensor) throws -> Tensor {
        let expanded = try GradMode.withDisabled { try src.expand(shape) }
        return try applyInPlace(others: [src], direct: {
            if src.storage === storage && src.storageOffset == storageOffset && src.strides == strides
                && src.shape == shape && src.dtype == dtype {
                return
            }
            // Copy through a temporary when the source overlaps the destination's storage.
            let from = src.storage === storage ? try expanded.cloneContiguous() : expanded
            copyElements(from: from, to: self)
        }, compute: { snap in
            let r = try expanded.to(dtype).cloneContiguous()
            let srcShape = src.shape
            if snap.requiresGrad || src.requiresGrad {
                record(r, "CopyBackwards", [snap, src]) { g, needs in
                    [needs[0] ? try Tensor.zerosLike(g) : nil, needs[1] ? try g.sumToShape(srcShape) : nil]
                }
            }
            return r
        })
    }

    /// Writes `value` (scalar or tensor broadcast to self's shape) into self (`t[...] = value`).
    @discardableResult
    public func assign(_ value: Operand) throws -> Tensor {
        switch value {
        case .scalar(let s): return try fill_(s)
        case .tensor(let t):
            if t.rank == 0 && !t.requiresGrad && t.storage !== storage { return try fill_(try t.item()) }
            return try copy_(t)
        }
    }

    /// `masked_fill_(mask, value)`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        try indexPut([.tensor(try mask.expand(shape))], .scalar(value))
        return self
    }

    /// `masked_fill(mask, value)` (out of place).
    public func maskedFill(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        if mask.dtype != .bool {
            throw TensorError.runtime("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.name)")
        }
        // A 0-d value tensor of self's dtype keeps the result in self's dtype.
        return try Tensor.where(mask, .tensor(try Tensor.full([], value, dtype: dtype)), .tensor(self))
    }
}
