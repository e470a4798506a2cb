#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PyFormat {
    /// C `printf` of one finite double (`%.3f`, `%#.2e`, ...). glibc rounds the exact binary value
    /// half-to-even, exactly like Python's dtoa-based formatting.
    static func cFormat(_ spec: String, _ x: Double) -> [UInt8] {
        precondition(x.isFinite, "cFormat is for finite values only")
        var capacity = 64
        while true {
            var buffer = [CChar](repeating: 0, count: capacity)
            let written = withVaList([x]) { args in
                buffer.withUnsafeMutableBufferPointer { raw in
                    vsnprintf(raw.baseAddress, capacity, spec, args)
                }
            }
            precondition(written >= 0, "vsnprintf failed for \(spec)")
            if Int(written) < capacity {
                return buffer[0..<Int(written)].map { UInt8(bitPattern: $0) }
            }
            capacity = Int(written) + 1
        }
    }
}
