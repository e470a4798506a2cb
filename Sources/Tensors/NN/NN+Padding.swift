/// `F.pad` in constant mode (`constant_pad_nd`), negative pads cropping as in PyTorch.
extension NN {
    /// `F.pad(input, pad, mode, value)`. `pad` lists (before, after) pairs starting from the last dim:
    /// `[left, right, top, bottom, …]`. Only `'constant'` mode is implemented; `value` defaults to 0 and is
    /// cast to the input's dtype (truncated for integer tensors).
    /// Records `ConstantPadNdBackward0`.
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Double? = nil) throws -> Tensor {
        switch mode {
        case "constant":
            break
        case "reflect", "replicate", "circular":
            if let value, value != 0 {
                throw TensorError.runtime("Padding mode \"\(mode)\" doesn't take in value argument")
            }
            throw TensorError(.notImplemented, "padding mode '\(mode)' is not supported yet (only 'constant')")
        default:
            throw TensorError(.notImplemented, "Unrecognised padding mode \(mode)")
        }
        if pad.count % 2 != 0 { throw TensorError.runtime("Padding length must be divisible by 2") }
        if pad.count / 2 > input.rank {
            throw TensorError.runtime(
                "Padding length should be less than or equal to two times the input dimension but got padding length "
                    + "\(pad.count) and input of dimension \(input.rank)")
        }
        return try constantPadNd(input, pad, value: .double(value ?? 0))
    }

    /// `torch.constant_pad_nd` with its checks.
    static func constantPadNd(_ input: Tensor, _ pad: [Int], value: Scalar) throws -> Tensor {
        let rank = input.rank
        let padded = pad.count / 2
        let first = rank - padded
        var outShape = input.shape
        // Per dim: where the kept input range starts in the input and in the output, and its length.
        var srcStart = [Int](repeating: 0, count: rank)
        var dstStart = [Int](repeating: 0, count: rank)
        var length = input.shape
        let anyPositive = pad.contains { $0 > 0 }
        for i in first..<rank {
            let before = pad[2 * (rank - 1 - i)]
            let after = pad[2 * (rank - 1 - i) + 1]
            let size = input.shape[i]
            let newSize = size.addingReportingOverflow(before).partialValue.addingReportingOverflow(after)
            // With any positive pad PyTorch requires every padded dim to stay non-empty; pure cropping
            // (a narrow) may reach size 0.
            if newSize.overflow || newSize.partialValue < 0 || (newSize.partialValue == 0 && anyPositive) {
                throw TensorError.runtime(
                    "The input size \(size), plus negative padding \(before) and \(after) resulted in a negative output "
                        + "size, which is invalid. Check dimension \(i) of your input.")
            }
            outShape[i] = newSize.partialValue
            srcStart[i] = Swift.max(0, -before)
            dstStart[i] = Swift.max(0, before)
            length[i] = Swift.max(0, size - srcStart[i] - Swift.max(0, -after))
        }
        let out = try Tensor(allocating: outShape, dtype: input.dtype)
        out.fillRaw(value)
        let kept = shapeCount(length)
        if kept > 0 {
            copyElements(from: NN.window(input, srcStart, length), to: NN.window(out, dstStart, length))
        }
        if shouldRecord(input) {
            let inShape = input.shape
            let dtype = input.dtype
            record(out, "ConstantPadNdBackward0", [input]) { g, _ in
                let r = try Tensor(allocating: inShape, dtype: dtype, zeroed: true)
                if kept > 0 {
                    copyElements(from: NN.window(g, dstStart, length), to: NN.window(r, srcStart, length))
                }
                return [r]
            }
        }
        return out
    }

    /// A strided alias of the box `start ..< start + length` of `t` (no autograd).
    static func window(_ t: Tensor, _ start: [Int], _ length: [Int]) -> Tensor {
        var offset = t.storageOffset
        for i in 0..<t.rank { offset += start[i] * t.strides[i] }
        return t.alias(shape: length, strides: t.strides, offset: offset)
    }
}
