import Tensors

/// The MXNet Gluon dialect (`mxnet.nd`, `mxnet.autograd`, `mxnet.gluon`).
extension Interpreter {
    func makeMXNetModule(_ name: String) -> Value? {
        nil
    }

    /// MXNet's `backward()`: a non-scalar head gets an implicit gradient of ones.
    func mxnetBackward(_ t: Tensor, gradient: Tensor?) throws {
        let g = try gradient ?? Tensor.ones(t.shape, dtype: t.dtype)
        try t.backward(gradient: g, retainGraph: false)
    }

    /// `x.attach_grad()`: x becomes a leaf that records gradients into `x.grad`.
    func mxnetAttachGrad(_ t: Tensor) throws {
        _ = try t.requiresGrad_(true)
        let g = try Tensor.zeros(t.shape, dtype: t.dtype)
        g.flavor = .ndarray
        t.grad = g
    }
}
