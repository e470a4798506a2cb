import Synchronization

/// MXNet 1.9.1's CPU random resources, bit for bit (rng.md §3).
///
/// * The `nd` interface (`nd.random.*`, Gluon initializers in nd mode) uses a bank of 1024
///   `std::mt19937` engines; engine `i` starts at seed `127·s + i` (`s` = global seed, 0 in a fresh
///   process). A call of N elements is split into contiguous slices, one per engine (§3.3).
/// * The `np` interface (`mx.np.random.*`, Gluon initializers under `npx.set_np()`) uses one
///   separate engine seeded with `127·s` (§3.7).
///
/// Engines are seeded lazily on first use, which gives the same streams because an engine only
/// ever advances from its seed. One lock is taken per call.
public final class MXNetGenerator: Sendable {
    /// Which of MXNet's random resources a call draws from.
    public enum Interface: Sendable, Hashable {
        /// The parallel bank of 1024 engines: `mx.nd.random.*` and nd-mode Gluon init.
        case nd
        /// The single `kRandom` engine: `mx.np.random.*` and np-mode Gluon init.
        case np
    }

    static let bankSize = 1024
    /// Elements per engine below which a call uses fewer engines (§3.3).
    static let elementsPerEngine = 64

    struct State {
        /// Seed of bank engine 0; engine `i` gets `bankSeed &+ i`.
        var bankSeed: UInt32
        /// The bank, `nil` for engines not used since the last seeding.
        var bank: [MT19937?]
        /// The single `kRandom` engine.
        var single: MT19937

        init(bankSeed: UInt32, singleSeed: UInt32) {
            self.bankSeed = bankSeed
            bank = [MT19937?](repeating: nil, count: MXNetGenerator.bankSize)
            single = MT19937(seed: singleSeed)
        }

        /// Runs `body` on bank engine `t`, seeding it first if needed.
        @inline(__always)
        mutating func withBankEngine(_ t: Int, _ body: (inout MT19937) -> Void) {
            var engine = bank[t].take() ?? MT19937(seed: bankSeed &+ UInt32(truncatingIfNeeded: t))
            body(&engine)
            bank[t] = engine
        }
    }

    let state: Mutex<State>

    /// The process-wide generator; it starts in MXNet's deterministic fresh-process state.
    public static let `default` = MXNetGenerator()

    /// A generator in the fresh-process state (global seed 0), which `seed(0)` also restores.
    public init() {
        state = Mutex(State(bankSeed: 0, singleSeed: 0))
    }

    /// `mx.random.seed(s)`: `s` is narrowed to a C `int` (its low 32 bits), bank engine `i` is
    /// re-seeded with `127·s + i` and the single engine with `127·s` (all mod 2^32).
    ///
    /// With `cpuContext: true` this is `mx.random.seed(s, ctx=mx.cpu())`: the bank is seeded the
    /// same way (verified) but the single engine gets `s` itself (from MXNet's source, unverified).
    public func seed(_ s: Int, cpuContext: Bool = false) {
        let narrowed = UInt32(truncatingIfNeeded: s)
        let scaled = narrowed &* 127
        state.withLock { $0 = State(bankSeed: scaled, singleSeed: cpuContext ? narrowed : scaled) }
    }

    // MARK: - Uniform

    /// `nd.random.uniform(low, high, shape)` / `np.random.uniform` on float32: one draw per element,
    /// `f32(lo) + f32(w · CANON)` with `w = f32(hi) − f32(lo)`, separately rounded (not fused).
    public func uniform(_ out: UnsafeMutableBufferPointer<Float>, low: Double, high: Double,
                        interface: Interface = .nd) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        let lo = Float(low)
        let width = Float(high) - lo
        state.withLock { st in
            switch interface {
            case .nd:
                Self.forEachSlice(count: count) { t, range in
                    st.withBankEngine(t) { engine in
                        for i in range { base[i] = lo + width * Self.canonical(engine.next()) }
                    }
                }
            case .np:
                for i in 0..<count { base[i] = lo + width * Self.canonical(st.single.next()) }
            }
        }
    }

    // MARK: - Normal

    /// `nd.random.normal(loc, scale, shape)` / `np.random.normal` on float32 (Marsaglia polar with
    /// glibc's `logf`, `z · f32(scale) + f32(loc)` separately rounded).
    ///
    /// `.nd` builds a fresh distribution per element, so each element keeps the second coordinate and
    /// drops the spare. `.np` uses one distribution for the whole call, so values alternate between
    /// the second coordinate and the spare, which is dropped at the end of the call.
    public func normal(_ out: UnsafeMutableBufferPointer<Float>, loc: Double, scale: Double,
                       interface: Interface = .nd) {
        guard let base = out.baseAddress else { return }
        let count = out.count
        let mean = Float(loc)
        let sigma = Float(scale)
        state.withLock { st in
            switch interface {
            case .nd:
                Self.forEachSlice(count: count) { t, range in
                    st.withBankEngine(t) { engine in
                        for i in range { base[i] = Self.polar(&engine).second * sigma + mean }
                    }
                }
            case .np:
                var i = 0
                while i < count {
                    let pair = Self.polar(&st.single)
                    base[i] = pair.second * sigma + mean
                    if i + 1 < count { base[i + 1] = pair.first * sigma + mean }
                    i += 2
                }
            }
        }
    }

    // MARK: - Initializers

    /// The scale of Gluon's default initializer, `Uniform(0.07)`: weights are filled with
    /// `uniform(−0.07, 0.07)`; biases are zero and draw nothing.
    public static let defaultUniformScale = 0.07

    /// The bound `s` of `init.Xavier(rnd_type='uniform', factor_type='avg', magnitude)`:
    /// `sqrt(magnitude / ((fan_in + fan_out) / 2))` in double.
    public static func xavierBound(fanIn: Int, fanOut: Int, magnitude: Double = 3) -> Double {
        let factor = Double(fanIn + fanOut) / 2
        return (magnitude / factor).squareRoot()
    }

    // MARK: - Primitives

    /// libstdc++'s `generate_canonical<float, 24>` on one draw: `f32(r) / 2^32`, with 1 replaced by
    /// the largest float below 1.
    @inline(__always)
    static func canonical(_ draw: UInt32) -> Float {
        let c = Float(draw) * 0x1p-32
        return c >= 1 ? Float(bitPattern: 0x3F7F_FFFF) : c
    }

    /// One run of libstdc++'s polar loop for `normal_distribution<float>`: `second` is `y · mult`
    /// (returned first), `first` is `x · mult` (the spare).
    @inline(__always)
    static func polar(_ engine: inout MT19937) -> (second: Float, first: Float) {
        var x: Float
        var y: Float
        var r2: Float
        repeat {
            x = Float(Double(2 * canonical(engine.next())) - 1.0)
            y = Float(Double(2 * canonical(engine.next())) - 1.0)
            r2 = x * x + y * y
        } while r2 > 1 || r2 == 0
        let mult = (-2 * GlibcLogf.logf(r2) / r2).squareRoot()
        return (y * mult, x * mult)
    }

    /// Calls `body(t, range)` for each engine `t` of a call of `count` elements, in engine order:
    /// `nthread = min(ceil(count / 64), 1024)`, `step = ceil(count / nthread)`.
    @inline(__always)
    static func forEachSlice(count: Int, _ body: (Int, Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = min((count + elementsPerEngine - 1) / elementsPerEngine, bankSize)
        let step = (count + threads - 1) / threads
        for t in 0..<threads {
            let start = t * step
            guard start < count else { break }
            body(t, start..<min(start + step, count))
        }
    }
}
