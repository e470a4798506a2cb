extension TorchGenerator {
    /// The bound of `kaiming_uniform_(w, a=√5)`, the default weight init of `nn.Conv2d` and
    /// `nn.Linear`, computed in double in PyTorch's order: `gain = sqrt(2 / (1 + a·a))` (with
    /// `a·a = 5.000000000000001`), `std = gain / sqrt(fan_in)`, `bound = sqrt(3) · std`.
    /// `fanIn` must be positive (PyTorch draws nothing for empty weights).
    public static func kaimingUniformBound(fanIn: Int) -> Double {
        let a = (5.0).squareRoot()
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let std = gain / Double(fanIn).squareRoot()
        return (3.0).squareRoot() * std
    }

    /// The bound `1 / sqrt(fan_in)` of the default bias init of `nn.Conv2d` and `nn.Linear`.
    /// PyTorch skips the bias init (no draws) when `fan_in` is 0.
    public static func biasBound(fanIn: Int) -> Double {
        1 / Double(fanIn).squareRoot()
    }

    /// The bound of `nn.init.xavier_uniform_(w, gain)`: `sqrt(3) · gain · sqrt(2 / (fan_in + fan_out))`,
    /// in PyTorch's order of operations.
    public static func xavierUniformBound(fanIn: Int, fanOut: Int, gain: Double = 1) -> Double {
        let std = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
        return (3.0).squareRoot() * std
    }

    /// The default init of a freshly constructed `nn.Conv2d` / `nn.Linear`: weight (row-major over
    /// `(out, in/groups, kH, kW)` or `(out, in)`) from `uniform(±kaimingUniformBound)`, then the bias
    /// from `uniform(±biasBound)`. `fanIn` is `in/groups · kH · kW` or `in`. As in PyTorch, an empty
    /// weight draws nothing and a zero `fanIn` leaves the bias untouched.
    public func initializeLayer(weight: UnsafeMutableBufferPointer<Float>,
                                bias: UnsafeMutableBufferPointer<Float>?, fanIn: Int) {
        guard fanIn > 0 else { return }
        let w = Self.kaimingUniformBound(fanIn: fanIn)
        uniform(weight, from: -w, to: w)
        if let bias {
            let b = Self.biasBound(fanIn: fanIn)
            uniform(bias, from: -b, to: b)
        }
    }
}
