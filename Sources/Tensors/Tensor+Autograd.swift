import Synchronization

/// Autograd: requires_grad, leaves, detach/data, retain_grad and the backward engine.
extension Tensor {
    /// `requires_grad`: leaves carry the flag; non-leaves require grad iff they have a grad_fn.
    public var requiresGrad: Bool {
        @inline(__always) get { leafRequiresGrad || gradFn != nil }
    }

    /// `is_leaf`.
    public var isLeaf: Bool { gradFn == nil }

    /// `requires_grad_(flag)` / setting `.requires_grad`. Only leaves may change the flag, and only
    /// floating tensors may require grad.
    @discardableResult
    public func requiresGrad_(_ flag: Bool = true) throws -> Tensor {
        if gradFn != nil {
            if flag { return self }
            throw TensorError.runtime(
                "you can only change requires_grad flags of leaf variables. If you want to use a computed variable "
                    + "in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        }
        if flag && !dtype.isFloatingPoint {
            throw TensorError.runtime("only Tensors of floating point and complex dtype can require gradients")
        }
        leafRequiresGrad = flag
        return self
    }

    /// `retain_grad()`: a non-leaf keeps its gradient in `.grad` after backward (no-op on leaves).
    public func retainGrad() throws {
        if gradFn == nil {
            if !leafRequiresGrad {
                throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
            }
            return
        }
        retainsGrad = true
        gradFn?.retainedTensor = self
    }

    /// A tensor object sharing storage and geometry, with no autograd state.
    func detachedAlias() -> Tensor {
        alias(shape: shape, strides: strides, offset: storageOffset)
    }

    /// `detach()`: shares storage (and version counter), no history, requires_grad false.
    public func detach() -> Tensor { detachedAlias() }

    /// `.data`: like detach (a tensor sharing storage with no history).
    public var data: Tensor { detachedAlias() }

    /// The edge a consumer of this tensor should point to, creating a leaf's accumulator if needed.
    var gradEdge: GradEdge? {
        if let fn = gradFn { return GradEdge(node: fn) }
        if leafRequiresGrad {
            if let acc = accumulator { return GradEdge(node: acc) }
            let acc = AccumulateGrad(variable: self)
            accumulator = acc
            return GradEdge(node: acc)
        }
        return nil
    }

    /// Sets this tensor's history to `node` (as its only output).
    func setHistory(_ node: GradNode) {
        gradFn = node
        outputNr = 0
        if retainsGrad { node.retainedTensor = self }
    }

    // MARK: backward engine

    private static let epochCounter = Atomic<Int>(0)

    /// `backward(gradient, retain_graph)`: accumulates d(self)/d(leaf) · gradient into each leaf's `.grad`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let g = gradient {
            if g.shape != shape {
                throw TensorError.runtime(
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size(\(shapeString(g.shape))) and "
                        + "output[0] has a shape of torch.Size(\(shapeString(shape))).")
            }
            seed = g.dtype == dtype ? g : try g.to(dtype)
        } else {
            if count != 1 { throw TensorError.runtime("grad can be implicitly created only for scalar outputs") }
            seed = try Tensor.onesLike(self)
        }
        guard let root = gradEdge?.node else { return }
        try GradMode.withDisabled {
            try Tensor.runBackward(root: root, seed: seed, retainGraph: retainGraph)
        }
    }

    static func runBackward(root: GradNode, seed: Tensor, retainGraph: Bool) throws {
        let epoch = epochCounter.add(1, ordering: .relaxed).newValue
        // Iterative DFS: count, for each reachable node, how many edges lead into it.
        root.epoch = epoch
        root.dependencies = 0
        root.pending = nil
        var stack: [GradNode] = [root]
        while let node = stack.popLast() {
            for edge in node.next {
                guard let e = edge else { continue }
                let child = e.node
                if child.epoch != epoch {
                    child.epoch = epoch
                    child.dependencies = 0
                    child.pending = nil
                    stack.append(child)
                }
                child.dependencies += 1
            }
        }
        // Kahn's algorithm with a max-heap on sequence number (latest node first, like PyTorch).
        var heap = NodeHeap()
        root.pending = seed
        heap.push(root)
        while let node = heap.pop() {
            let incoming = node.pending
            node.pending = nil
            var outputs: [Tensor?] = []
            if let g = incoming {
                if let acc = node as? AccumulateGrad {
                    try acc.accumulate(g)
                } else {
                    if let t = node.retainedTensor, t.retainsGrad, t.gradFn === node {
                        if let existing = t.grad { t.grad = try existing.addRaw(g) } else { t.grad = try g.cloneRaw() }
                    }
                    outputs = try node.apply(g)
                }
            }
            if !retainGraph { node.release() }
            for (i, edge) in node.next.enumerated() {
                guard let e = edge else { continue }
                let child = e.node
                if i < outputs.count, let g = outputs[i] {
                    if let p = child.pending {
                        child.pending = try p.addRaw(g)
                    } else {
                        child.pending = g
                    }
                }
                child.dependencies -= 1
                if child.dependencies == 0 { heap.push(child) }
            }
        }
    }
}

/// Binary max-heap of nodes by sequence number.
private struct NodeHeap {
    var items: [GradNode] = []

    mutating func push(_ n: GradNode) {
        items.append(n)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p].sequenceNr >= items[i].sequenceNr { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> GradNode? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < items.count && items[l].sequenceNr > items[m].sequenceNr { m = l }
                if r < items.count && items[r].sequenceNr > items[m].sequenceNr { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}

// MARK: recording helpers used by the ops

/// Whether an op on these inputs must record history.
@inline(__always)
func shouldRecord(_ a: Tensor) -> Bool { a.requiresGrad && GradMode.isEnabled }
@inline(__always)
func shouldRecord(_ a: Tensor, _ b: Tensor?) -> Bool {
    (a.requiresGrad || (b?.requiresGrad ?? false)) && GradMode.isEnabled
}
@inline(__always)
func shouldRecord(_ ts: [Tensor]) -> Bool {
    ts.contains { $0.requiresGrad } && GradMode.isEnabled
}

/// Gives `result` a grad_fn named `name` over `inputs` (nil entries: non-tensor operands).
func record(
    _ result: Tensor, _ name: String, _ inputs: [Tensor?], saves: Bool = false,
    _ backward: @escaping (Tensor, [Bool]) throws -> [Tensor?]
) {
    let edges = inputs.map { $0?.gradEdge }
    let dtypes = inputs.map { $0?.dtype ?? result.dtype }
    let node = GradNode(name: name, next: edges, inputDTypes: dtypes, savesTensors: saves, backward: backward)
    result.setHistory(node)
}
