import Testing
@testable import Tensors

/// A user mistake and the exact error PyTorch raises for it.
struct NNErrorCase: Sendable, CustomStringConvertible {
    let id: String
    let kind: TensorError.Kind
    let message: String
    let body: @Sendable () throws -> Void
    var description: String { id }
}

private func z(_ shape: [Int], _ dtype: DType = .float32) throws -> Tensor { try Tensor.zeros(shape, dtype: dtype) }

let nnErrorCases: [NNErrorCase] = [
    // conv2d
    NNErrorCase(id: "conv-2d-input", kind: .runtime,
                message: "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [6, 8]") {
        _ = try NN.conv2d(try z([6, 8]), weight: try z([1, 1, 1, 2]))
    },
    NNErrorCase(id: "conv-channels", kind: .runtime,
                message: "Given groups=1, weight of size [1, 1, 1, 2], expected input[1, 2, 6, 8] to have 1 channels, "
                    + "but got 2 channels instead") {
        _ = try NN.conv2d(try z([1, 2, 6, 8]), weight: try z([1, 1, 1, 2]))
    },
    NNErrorCase(id: "conv-channels-unbatched", kind: .runtime,
                message: "Given groups=1, weight of size [1, 1, 1, 2], expected input[1, 2, 6, 8] to have 1 channels, "
                    + "but got 2 channels instead") {
        _ = try NN.conv2d(try z([2, 6, 8]), weight: try z([1, 1, 1, 2]))
    },
    NNErrorCase(id: "conv-kernel-too-big", kind: .runtime,
                message: "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be "
                    + "greater than actual input size") {
        _ = try NN.conv2d(try z([1, 1, 2, 2]), weight: try z([1, 1, 3, 3]))
    },
    NNErrorCase(id: "conv-dilated-kernel-too-big", kind: .runtime,
                message: "Calculated padded input size per channel: (6 x 8). Kernel size: (7 x 1). Kernel size can't be "
                    + "greater than actual input size") {
        _ = try NN.conv2d(try z([1, 1, 4, 6]), weight: try z([1, 1, 4, 1]), padding: .explicit(1, 1), dilation: (2, 2))
    },
    NNErrorCase(id: "conv-groups-channels", kind: .runtime,
                message: "Given groups=2, weight of size [4, 3, 3, 3], expected input[1, 4, 6, 6] to have 6 channels, "
                    + "but got 4 channels instead") {
        _ = try NN.conv2d(try z([1, 4, 6, 6]), weight: try z([4, 3, 3, 3]), groups: 2)
    },
    NNErrorCase(id: "conv-groups-divisible", kind: .runtime,
                message: "Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size "
                    + "[[3, 2, 3, 3]] instead") {
        _ = try NN.conv2d(try z([1, 4, 6, 6]), weight: try z([3, 2, 3, 3]), groups: 2)
    },
    NNErrorCase(id: "conv-groups-at-least", kind: .runtime,
                message: "Given groups=4, expected weight to be at least 4 at dimension 0, but got weight of size "
                    + "[2, 1, 3, 3] instead") {
        _ = try NN.conv2d(try z([1, 4, 6, 6]), weight: try z([2, 1, 3, 3]), groups: 4)
    },
    NNErrorCase(id: "conv-groups-zero", kind: .runtime, message: "non-positive groups is not supported") {
        _ = try NN.conv2d(try z([1, 4, 6, 6]), weight: try z([2, 1, 3, 3]), groups: 0)
    },
    NNErrorCase(id: "conv-bias-size", kind: .runtime,
                message: "Given weight of size [2, 1, 3, 3], expected bias to be 1-dimensional with 2 elements, but got "
                    + "bias of size [3] instead") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([2, 1, 3, 3]), bias: try z([3]))
    },
    NNErrorCase(id: "conv-bias-dtype", kind: .runtime, message: "Input type (float) and bias type (double) should be the same") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([2, 1, 3, 3]), bias: try z([2], .float64))
    },
    NNErrorCase(id: "conv-weight-dtype", kind: .runtime,
                message: "Input type (torch.FloatTensor) and weight type (torch.DoubleTensor) should be the same") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([2, 1, 3, 3], .float64))
    },
    NNErrorCase(id: "conv-int", kind: .notImplemented, message: "\"slow_conv2d_cpu\" not implemented for 'Long'") {
        _ = try NN.conv2d(try z([1, 1, 6, 6], .int64), weight: try z([2, 1, 3, 3], .int64))
    },
    NNErrorCase(id: "conv-same-strided", kind: .runtime, message: "padding='same' is not supported for strided convolutions") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([1, 1, 3, 3]), stride: (2, 1), padding: .same)
    },
    NNErrorCase(id: "conv-negative-padding", kind: .runtime, message: "negative padding is not supported") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([1, 1, 3, 3]), padding: .explicit(-1, 0))
    },
    NNErrorCase(id: "conv-zero-stride", kind: .runtime, message: "non-positive stride is not supported") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([1, 1, 3, 3]), stride: (0, 1))
    },
    NNErrorCase(id: "conv-zero-dilation", kind: .runtime, message: "dilation should be greater than zero") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([1, 1, 3, 3]), dilation: (1, 0))
    },
    NNErrorCase(id: "conv-weight-2d", kind: .runtime, message: "weight should have at least three dimensions") {
        _ = try NN.conv2d(try z([1, 1, 6, 6]), weight: try z([3, 3]))
    },
    // pooling
    NNErrorCase(id: "maxpool-2d-input", kind: .runtime, message: "non-empty 3D or 4D (batch mode) tensor expected for input") {
        _ = try NN.maxPool2d(try z([6, 8]), kernelSize: (2, 2))
    },
    NNErrorCase(id: "maxpool-pad-too-big", kind: .runtime,
                message: "pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1") {
        _ = try NN.maxPool2d(try z([1, 1, 6, 6]), kernelSize: (3, 3), padding: (2, 2))
    },
    NNErrorCase(id: "maxpool-output-too-small", kind: .runtime,
                message: "Given input size: (1x2x2). Calculated output size: (1x0x0). Output size is too small") {
        _ = try NN.maxPool2d(try z([1, 1, 2, 2]), kernelSize: (3, 3))
    },
    NNErrorCase(id: "maxpool-zero-stride", kind: .runtime, message: "stride should not be zero") {
        _ = try NN.maxPool2d(try z([1, 1, 6, 6]), kernelSize: (2, 2), stride: (0, 0))
    },
    NNErrorCase(id: "maxpool-zero-kernel", kind: .runtime, message: "kernel size should be greater than zero, but got kH: 0 kW: 2") {
        _ = try NN.maxPool2d(try z([1, 1, 6, 6]), kernelSize: (0, 2), stride: (1, 1))
    },
    NNErrorCase(id: "maxpool-negative-pad", kind: .runtime, message: "pad must be non-negative, but got pad: -1") {
        _ = try NN.maxPool2d(try z([1, 1, 6, 6]), kernelSize: (2, 2), padding: (-1, 0))
    },
    NNErrorCase(id: "maxpool-empty-plane", kind: .runtime,
                message: "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[1, 0, 6, 6]") {
        _ = try NN.maxPool2d(try z([1, 0, 6, 6]), kernelSize: (2, 2))
    },
    NNErrorCase(id: "avgpool-2d-input", kind: .index,
                message: "Dimension out of range (expected to be in range of [-2, 1], but got -3)") {
        _ = try NN.avgPool2d(try z([6, 8]), kernelSize: (2, 2))
    },
    NNErrorCase(id: "avgpool-divisor-zero", kind: .runtime, message: "divisor must be not zero") {
        _ = try NN.avgPool2d(try z([1, 1, 6, 6]), kernelSize: (2, 2), divisorOverride: 0)
    },
    NNErrorCase(id: "avgpool-pad-too-big", kind: .runtime,
                message: "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1") {
        _ = try NN.avgPool2d(try z([1, 1, 6, 6]), kernelSize: (2, 2), padding: (0, 2))
    },
    NNErrorCase(id: "adaptive-2d-input", kind: .runtime, message: "adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [6, 8]") {
        _ = try NN.adaptiveAvgPool2d(try z([6, 8]), outputSize: (2, 2))
    },
    NNErrorCase(id: "adaptive-negative", kind: .runtime,
                message: "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {-1, 2}") {
        _ = try NN.adaptiveAvgPool2d(try z([1, 6, 8]), outputSize: (-1, 2))
    },
    NNErrorCase(id: "adaptive-empty", kind: .runtime,
                message: "adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input "
                    + "has sizes [1, 0, 8] with dimension 1 being empty") {
        _ = try NN.adaptiveAvgPool2d(try z([1, 0, 8]), outputSize: (2, 2))
    },
    // pad
    NNErrorCase(id: "pad-odd", kind: .runtime, message: "Padding length must be divisible by 2") {
        _ = try NN.pad(try z([2, 3]), [1, 2, 3])
    },
    NNErrorCase(id: "pad-too-long", kind: .runtime,
                message: "Padding length should be less than or equal to two times the input dimension but got padding "
                    + "length 6 and input of dimension 2") {
        _ = try NN.pad(try z([2, 3]), [1, 1, 1, 1, 1, 1])
    },
    NNErrorCase(id: "pad-negative-size", kind: .runtime,
                message: "The input size 3, plus negative padding -2 and -2 resulted in a negative output size, which is "
                    + "invalid. Check dimension 1 of your input.") {
        _ = try NN.pad(try z([2, 3]), [-2, -2])
    },
    NNErrorCase(id: "pad-mode", kind: .notImplemented, message: "Unrecognised padding mode wrap") {
        _ = try NN.pad(try z([2, 3]), [1, 1], mode: "wrap")
    },
    // softmax
    NNErrorCase(id: "softmax-int", kind: .notImplemented, message: "\"softmax_lastdim_kernel_impl\" not implemented for 'Long'") {
        _ = try NN.softmax(try z([2, 3], .int64), dim: 1)
    },
    NNErrorCase(id: "log-softmax-int", kind: .notImplemented, message: "\"log_softmax_kernel_impl\" not implemented for 'Long'") {
        _ = try NN.logSoftmax(try z([2, 3], .int64), dim: 0)
    },
    NNErrorCase(id: "softmax-dim", kind: .index, message: "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
        _ = try NN.softmax(try z([2, 3]), dim: 2)
    },
    // losses
    NNErrorCase(id: "ce-batch", kind: .value, message: "Expected input batch_size (4) to match target batch_size (3).") {
        _ = try NN.crossEntropy(try z([4, 5]), try z([3], .int64))
    },
    NNErrorCase(id: "ce-target-range", kind: .index, message: "Target 5 is out of bounds.") {
        _ = try NN.crossEntropy(try z([2, 5]), try Tensor(shape: [2], ints: [1, 5]))
    },
    NNErrorCase(id: "ce-target-negative", kind: .index, message: "Target -1 is out of bounds.") {
        _ = try NN.crossEntropy(try z([2, 5]), try Tensor(shape: [2], ints: [-1, 0]))
    },
    NNErrorCase(id: "ce-float-indices", kind: .runtime, message: "expected scalar type Long but found Float") {
        _ = try NN.crossEntropy(try z([2, 5]), try z([2]))
    },
    NNErrorCase(id: "ce-int-probabilities", kind: .runtime,
                message: "Expected floating point type for target with class probabilities, got Long") {
        _ = try NN.crossEntropy(try z([2, 5]), try z([2, 5], .int64))
    },
    NNErrorCase(id: "ce-smoothing", kind: .runtime, message: "label_smoothing must be between 0.0 and 1.0. Got: 1.5") {
        _ = try NN.crossEntropy(try z([2, 5]), try z([2], .int64), labelSmoothing: 1.5)
    },
    NNErrorCase(id: "ce-weight-size", kind: .runtime,
                message: "weight tensor should be defined either for all 5 classes or no classes but got weight tensor of "
                    + "shape: [3]") {
        _ = try NN.crossEntropy(try z([2, 5]), try z([2], .int64), weight: try z([3]))
    },
    NNErrorCase(id: "nll-0d-input", kind: .value, message: "Expected 1 or more dimensions (got 0)") {
        _ = try NN.nllLoss(try z([]), try z([], .int64))
    },
    NNErrorCase(id: "nll-2d-target", kind: .runtime, message: "0D or 1D target tensor expected, multi-target not supported") {
        _ = try NN.nllLoss(try z([2, 5]), try z([2, 1], .int64))
    },
    NNErrorCase(id: "nll-spatial-target", kind: .value, message: "Expected target size [2, 3, 4], got [2, 4, 3]") {
        _ = try NN.nllLoss(try z([2, 5, 3, 4]), try z([2, 4, 3], .int64))
    },
    NNErrorCase(id: "mse-broadcast", kind: .runtime,
                message: "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1") {
        _ = try NN.mseLoss(try z([2, 4]), try z([2, 3]))
    },
    NNErrorCase(id: "mse-int", kind: .notImplemented, message: "\"mse_cpu\" not implemented for 'Long'") {
        _ = try NN.mseLoss(try z([2], .int64), try z([2], .int64))
    },
    // linear
    NNErrorCase(id: "linear-shapes", kind: .runtime, message: "mat1 and mat2 shapes cannot be multiplied (4x3 and 4x2)") {
        _ = try NN.linear(try z([4, 3]), weight: try z([2, 4]), bias: try z([2]))
    },
    NNErrorCase(id: "linear-dtype", kind: .runtime, message: "mat1 and mat2 must have the same dtype, but got Float and Double") {
        _ = try NN.linear(try z([4, 3]), weight: try z([2, 3], .float64), bias: try z([2], .float64))
    },
    NNErrorCase(id: "linear-0d", kind: .runtime, message: "both arguments to linear need to be at least 1D, but they are 0D and 2D") {
        _ = try NN.linear(try z([]), weight: try z([2, 3]))
    },
]

@Suite("NN error messages")
struct NNErrorTests {
    @Test("PyTorch's wording", arguments: nnErrorCases)
    func message(_ c: NNErrorCase) {
        expectError(c.kind, c.message) { try c.body() }
    }
}
