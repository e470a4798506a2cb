/// The standard 32-bit Mersenne Twister with the 2002 `init_genrand` seeding.
///
/// Same output as C++ `std::mt19937(seed)`, numpy's `RandomState(seed)`, PyTorch's CPU engine and
/// each engine of MXNet's CPU generator bank. (Python's `random.seed` seeds differently.)
/// A value type: copying it copies the whole 624-word state.
public struct MT19937: Sendable, Equatable {
    static let stateSize = 624
    static let shift = 397

    /// The 624 state words.
    var words: [UInt32]
    /// Next word to temper; `stateSize` means the block must be regenerated first.
    var index: Int

    /// Seeds with `s` as `init_genrand` does; the first draw regenerates the block.
    public init(seed: UInt32) {
        var words = [UInt32](repeating: 0, count: Self.stateSize)
        words[0] = seed
        for i in 1..<Self.stateSize {
            let previous = words[i - 1]
            words[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(truncatingIfNeeded: i)
        }
        self.words = words
        self.index = Self.stateSize
    }

    /// One 32-bit draw.
    @inline(__always)
    public mutating func next() -> UInt32 {
        if index >= Self.stateSize { twist() }
        var y = words[index]
        index &+= 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two draws combined as PyTorch's `random64()`: the first draw is the high half.
    @inline(__always)
    public mutating func next64() -> UInt64 {
        let hi = UInt64(next())
        let lo = UInt64(next())
        return hi << 32 | lo
    }

    /// Regenerates all 624 words in place, in index order, and rewinds the index.
    /// Split into the three index ranges where `i + 1` and `i + 397` do or don't wrap, and
    /// branch-free in the odd/even test (a data-dependent branch mispredicts half the time).
    @inline(never)
    mutating func twist() {
        let n = Self.stateSize
        let m = Self.shift
        words.withUnsafeMutableBufferPointer { buffer in
            guard let mt = buffer.baseAddress else { return }
            @inline(__always)
            func mix(_ i: Int, _ next: Int, _ far: Int) {
                let y = (mt[i] & 0x8000_0000) | (mt[next] & 0x7FFF_FFFF)
                mt[i] = mt[far] ^ (y >> 1) ^ ((0 &- (y & 1)) & 0x9908_B0DF)
            }
            for i in 0..<(n - m) { mix(i, i + 1, i + m) }
            for i in (n - m)..<(n - 1) { mix(i, i + 1, i + m - n) }
            mix(n - 1, 0, m - 1)
        }
        index = 0
    }
}
