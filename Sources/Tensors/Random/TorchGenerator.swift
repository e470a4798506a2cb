import Synchronization

/// PyTorch's default CPU generator (torch 2.x, x86 AVX2/AVX-512 build), bit for bit (rng.md §2):
/// one MT19937 engine plus the cached double normal sample ("spare") of Box–Muller.
///
/// Every fill method writes `out.count` values in order; for a tensor, pass its elements in
/// PyTorch's iteration order (memory order for contiguous tensors). One lock is taken per call,
/// so the generator may be shared between threads; no per-element allocation happens.
public final class TorchGenerator: Sendable {
    /// The mutable part of the generator; a snapshot of it is `torch.get_rng_state()`'s analogue.
    public struct State: Sendable, Equatable {
        /// The seed as `torch.initial_seed()` reports it (unsigned 64-bit).
        public internal(set) var initialSeed: UInt64
        var engine: MT19937
        /// The Box–Muller spare of the scalar normal path (`next_double_normal`).
        var nextDoubleNormal: Double?
        /// PyTorch's float spare. No float32 CPU kernel reads or writes it; kept for completeness.
        var nextFloatNormal: Float?

        init(seed: UInt64) {
            initialSeed = seed
            engine = MT19937(seed: UInt32(truncatingIfNeeded: seed))
            nextDoubleNormal = nil
            nextFloatNormal = nil
        }
    }

    let state: Mutex<State>

    /// The process-wide generator behind `torch.manual_seed`, `torch.rand`, … It starts from a
    /// nondeterministic 53-bit seed, as PyTorch's does; reproducing that start is not a goal.
    public static let `default` = TorchGenerator()

    /// A generator in the state `torch.manual_seed(seed)` leaves (seed as unsigned 64-bit).
    public init(seed: UInt64) {
        state = Mutex(State(seed: seed))
    }

    /// A generator with a nondeterministic seed drawn from the system source (urandom), masked to
    /// 53 bits like PyTorch's `getNonDeterministicRandom`.
    public convenience init() {
        self.init(seed: UInt64.random(in: 0...UInt64.max) & 0x1F_FFFF_FFFF_FFFF)
    }

    /// `torch.manual_seed(seed)`: a negative seed is taken as its two's complement (so `-1` acts as
    /// `0xFFFF_FFFF_FFFF_FFFF`), MT19937 is seeded with the low 32 bits and both spares are cleared.
    public func manualSeed(_ seed: Int) {
        manualSeed(UInt64(bitPattern: Int64(seed)))
    }

    /// `torch.manual_seed(seed)` for a seed already in unsigned 64-bit form (`0 … 2^64 − 1`).
    public func manualSeed(_ seed: UInt64) {
        state.withLock { $0 = State(seed: seed) }
    }

    /// `torch.initial_seed()`: the last seed given, as an unsigned 64-bit value.
    public func initialSeed() -> UInt64 {
        state.withLock { $0.initialSeed }
    }

    /// A snapshot of the whole generator (engine and spares), for `torch.get_rng_state()`-style
    /// save/restore. It is not PyTorch's 5056-byte tensor layout.
    public func getState() -> State {
        state.withLock { $0 }
    }

    /// Restores a snapshot taken with `getState()`.
    public func setState(_ newState: State) {
        state.withLock { $0 = newState }
    }

    /// `random()`: one raw 32-bit draw.
    public func random32() -> UInt32 {
        state.withLock { $0.engine.next() }
    }

    /// `random64()`: two draws, the first one the high half.
    public func random64() -> UInt64 {
        state.withLock { $0.engine.next64() }
    }

    // MARK: - Uniform

    /// `Tensor.uniform_(from, to)` / `torch.rand` on float32: one draw per element,
    /// `fma(U24, f32(to) − f32(from), f32(from))`, with a result equal to `to` replaced by `from`.
    public func uniform(_ out: UnsafeMutableBufferPointer<Float>, from: Double, to: Double) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        let low = Float(from)
        let high = Float(to)
        let width = high - low
        state.withLock { s in
            if low == 0 && high == 1 {
                for i in 0..<count { base[i] = Self.u24(s.engine.next()) }
                return
            }
            for i in 0..<count {
                let v = low.addingProduct(Self.u24(s.engine.next()), width)
                base[i] = v == high ? low : v
            }
        }
    }

    /// `Tensor.uniform_(from, to)` / `torch.rand(dtype=torch.float64)`: two draws (`U53`) per
    /// element and double arithmetic. The fused form mirrors the float32 kernel; it only differs
    /// from the unfused one when `(from, to) ≠ (0, 1)`, which the reference did not check.
    public func uniform(_ out: UnsafeMutableBufferPointer<Double>, from: Double, to: Double) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        let width = to - from
        state.withLock { s in
            for i in 0..<count {
                let v = from.addingProduct(Self.u53(s.engine.next64()), width)
                base[i] = v == to ? from : v
            }
        }
    }

    // MARK: - Integers

    /// `torch.randint(low, high, size)` (int64): per element `(v mod (high − low)) + low`, where `v`
    /// is one draw, or `random64()` when the range is at least 2^28.
    public func randint(_ out: UnsafeMutableBufferPointer<Int64>, low: Int64, high: Int64) throws(RandomError) {
        guard low < high else { throw .emptyRange(from: low, to: high) }
        guard let base = out.baseAddress else { return }
        let count = out.count
        let range = UInt64(bitPattern: high &- low)
        let lowBits = UInt64(bitPattern: low)
        state.withLock { s in
            if range >= 1 << 28 {
                for i in 0..<count { base[i] = Int64(bitPattern: s.engine.next64() % range &+ lowBits) }
            } else {
                for i in 0..<count { base[i] = Int64(bitPattern: UInt64(s.engine.next()) % range &+ lowBits) }
            }
        }
    }

    /// `torch.randperm(n)` with `n = out.count` (int64): forward Fisher–Yates over the remaining
    /// suffix, `n − 1` draws. For `n ≥ (2^32 − 1) / 20` PyTorch switches to `random64()`; that
    /// branch follows PyTorch's source but was not checked against it.
    public func randperm(_ out: UnsafeMutableBufferPointer<Int64>) {
        guard let base = out.baseAddress else { return }
        let n = out.count
        for i in 0..<n { base[i] = Int64(i) }
        guard n > 1 else { return }
        let wide = UInt64(n) >= UInt64(UInt32.max) / 20
        state.withLock { s in
            for i in 0..<(n - 1) {
                let remaining = UInt64(n - i)
                let draw = wide ? s.engine.next64() : UInt64(s.engine.next())
                let z = Int(draw % remaining)
                let partner = base[i + z]
                base[i + z] = base[i]
                base[i] = partner
            }
        }
    }

    // MARK: - Primitives

    /// PyTorch's float uniform: the low 24 bits of a draw times 2^-24, in [0, 1), exact.
    @inline(__always)
    static func u24(_ draw: UInt32) -> Float {
        Float(draw & 0xFF_FFFF) * 0x1p-24
    }

    /// PyTorch's double uniform: the low 53 bits of a `random64()` times 2^-53, in [0, 1), exact.
    @inline(__always)
    static func u53(_ draw: UInt64) -> Double {
        Double(draw & 0x1F_FFFF_FFFF_FFFF) * 0x1p-53
    }
}
