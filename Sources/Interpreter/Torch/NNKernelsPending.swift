import Tensors
// TEMPORARY: stands in for the NN kernels until Tensors/NN lands.
enum NN {
    enum Padding { case explicit(Int, Int), same, valid }
    static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: (Int, Int), padding: Padding, dilation: (Int, Int), groups: Int) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func softmax(_ x: Tensor, dim: Int) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func logSoftmax(_ x: Tensor, dim: Int) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func maxPool2d(_ x: Tensor, kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int), dilation: (Int, Int), ceilMode: Bool) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func avgPool2d(_ x: Tensor, kernelSize: (Int, Int), stride: (Int, Int), padding: (Int, Int), ceilMode: Bool, countIncludePad: Bool) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func adaptiveAvgPool2d(_ x: Tensor, outputSize: (Int, Int)) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func pad(_ x: Tensor, _ p: [Int], mode: String, value: Double) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func mseLoss(_ x: Tensor, _ y: Tensor, reduction: String) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
    static func crossEntropy(_ x: Tensor, _ y: Tensor, reduction: String, labelSmoothing: Double) throws -> Tensor { throw TensorError(.notImplemented, "pending") }
}
