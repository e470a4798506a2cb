/// Neural-network kernels with autograd: convolution, pooling, padding, softmax, losses, linear.
///
/// These are PyTorch's `torch.nn.functional` operations as whole-tensor kernels. Each one
/// validates its arguments with PyTorch's wording, runs one dtype switch, loops over contiguous
/// buffers and records the grad_fn PyTorch records (`ConvolutionBackward0`, `NllLossBackward0`…).
public enum NN {
    /// A loss's `reduction` argument.
    public enum Reduction: Sendable {
        case none
        case mean
        case sum

        /// Parses `'none'`, `'mean'` or `'sum'` (PyTorch's ValueError otherwise).
        public static func parse(_ text: String) throws(TensorError) -> Reduction {
            switch text {
            case "none": return .none
            case "mean": return .mean
            case "sum": return .sum
            default: throw TensorError(.value, "\(text) is not a valid value for reduction")
            }
        }
    }

    /// The padding of a convolution: explicit (top/bottom, left/right) or PyTorch's strings.
    public enum Padding: Sendable, Equatable {
        /// Zeros added on both sides of each spatial dim: (height, width).
        case explicit(Int, Int)
        /// `'same'`: output size equals input size (stride 1 only); odd totals put the extra on the bottom/right.
        case same
        /// `'valid'`: no padding.
        case valid

        /// Parses `'same'` / `'valid'` (PyTorch's RuntimeError otherwise).
        public static func parse(_ text: String) throws(TensorError) -> Padding {
            switch text {
            case "same": return .same
            case "valid": return .valid
            default: throw TensorError(.runtime, "Invalid padding string: '\(text)'")
            }
        }
    }
}

// MARK: shared helpers

extension NN {
    /// PyTorch's "not implemented for" error of a dispatch stub.
    static func notImplemented(_ kernel: String, _ dtype: DType) -> TensorError {
        TensorError(.notImplemented, "\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
    }
}
