import Synchronization

/// An edge of the autograd graph: the node that receives a gradient.
struct GradEdge {
    let node: GradNode
}

/// A node of the backward graph (`grad_fn`).
///
/// A node holds only what its backward needs (captured by its backward closure) and edges to the
/// nodes of its differentiable inputs — never a strong reference to its output, so there are no
/// retain cycles. Every node has one output.
public class GradNode {
    /// PyTorch's class name, e.g. `MulBackward0`.
    public let name: String
    /// Creation order; the engine runs ready nodes latest-first, as PyTorch does.
    let sequenceNr: Int
    /// One entry per input of the forward op; nil where the input needs no gradient.
    var next: [GradEdge?]
    /// Dtypes of the inputs, so gradients are cast back (e.g. a float32 input of a float64 op).
    let inputDTypes: [DType]
    /// The backward computation: (grad of output, which inputs need grads) → grads per input.
    var backwardFn: ((Tensor, [Bool]) throws -> [Tensor?])?
    /// Whether the closure holds saved tensors (then a second backward without retain_graph fails).
    let savesTensors: Bool
    /// Saved tensors were released by a backward pass without retain_graph.
    var released = false
    /// The non-leaf tensor whose `retain_grad()` asked for its gradient.
    weak var retainedTensor: Tensor?

    // Engine scratch state (valid during one backward pass).
    var epoch = 0
    var dependencies = 0
    var pending: Tensor?

    private static let counter = Atomic<Int>(0)

    init(name: String, next: [GradEdge?], inputDTypes: [DType], savesTensors: Bool,
         backward: ((Tensor, [Bool]) throws -> [Tensor?])?) {
        self.name = name
        self.sequenceNr = GradNode.counter.add(1, ordering: .relaxed).newValue
        self.next = next
        self.inputDTypes = inputDTypes
        self.savesTensors = savesTensors
        self.backwardFn = backward
    }

    /// Names of the next functions (`grad_fn.next_functions`), nil where an input needs no grad.
    public var nextFunctionNames: [String?] { next.map { $0?.node.name } }

    /// Computes the gradients of the inputs.
    func apply(_ grad: Tensor) throws -> [Tensor?] {
        if released && savesTensors {
            throw TensorError.runtime(
                "Trying to backward through the graph a second time (or directly access saved tensors after they "
                    + "have already been freed). Saved intermediate values of the graph are freed when you call "
                    + ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through "
                    + "the graph a second time or if you need to access saved tensors after calling backward.")
        }
        guard let fn = backwardFn else { return next.map { _ in nil } }
        let needs = next.map { $0 != nil }
        var grads = try fn(grad, needs)
        for i in 0..<grads.count where i < inputDTypes.count {
            if let g = grads[i], g.dtype != inputDTypes[i] {
                grads[i] = try g.to(inputDTypes[i])
            }
        }
        return grads
    }

    /// Drops saved state after a backward pass without retain_graph.
    func release() {
        if savesTensors {
            released = true
            backwardFn = nil
        }
    }
}

/// The sink node of a leaf that requires grad: adds incoming gradients into `variable.grad`.
final class AccumulateGrad: GradNode {
    let variable: Tensor

    init(variable: Tensor) {
        self.variable = variable
        super.init(name: "AccumulateGrad", next: [], inputDTypes: [], savesTensors: false, backward: nil)
    }

    func accumulate(_ grad: Tensor) throws {
        var g = grad
        if g.dtype != variable.dtype { g = try g.to(variable.dtype) }
        if g.shape != variable.shape { g = try g.sumToShape(variable.shape) }
        if let existing = variable.grad {
            try existing.addInPlaceRaw(g)
        } else {
            // A fresh tensor the leaf owns alone (incoming gradients may be shared between edges).
            variable.grad = try g.cloneRaw()
        }
    }
}

/// A tensor saved for backward, with the storage version at save time.
struct SavedTensor {
    let tensor: Tensor
    let version: Int
    /// The producing node's full name (shortened only when the error message is built: the
    /// substring search per saved tensor was a measurable cost of every recorded op).
    let producerName: String?
    let producerOutput: Int

    init(_ t: Tensor) {
        tensor = t.detachedAlias()
        version = t.storage.version
        producerName = t.gradFn?.name
        producerOutput = t.outputNr
    }

    /// PyTorch prints the node's name without its `BackwardN` suffix in this message.
    static func shortName(_ name: String) -> String {
        guard let r = name.firstRange(of: "Backward") else { return name }
        return String(name[name.startIndex..<r.lowerBound])
    }

    func unpack() throws -> Tensor {
        let current = tensor.storage.version
        if current != version {
            let what = "[\(tensor.dtype.legacyTypeName) \(shapeString(tensor.shape))]"
            let producerText = producerName.map { SavedTensor.shortName($0) }.map { ", which is output \(producerOutput) of \($0)," } ?? ""
            throw TensorError.runtime(
                "one of the variables needed for gradient computation has been modified by an inplace operation: "
                    + "\(what)\(producerText) is at version \(current); expected version \(version) instead. "
                    + "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
                    + "with torch.autograd.set_detect_anomaly(True, check_nan=False).")
        }
        return tensor
    }
}
