#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// C `printf` conversions of one `Double`, used by the printers.
///
/// glibc (and Darwin's libc) round the exact binary value to nearest with ties to even, which is
/// what Python's and numpy's formatting do, so `%.4f` of 0.03125 is `0.0312`. Non-finite values
/// are never passed here: C writes `-nan` for a NaN with the sign bit set, Python writes `nan`.
enum CNumberFormat {
    /// `String(format: spec, x)` for a spec with exactly one `double` conversion.
    static func format(_ spec: String, _ x: Double) -> String {
        precondition(x.isFinite, "CNumberFormat is for finite values only")
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
                return String(decoding: buffer[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(written) + 1
        }
    }

    /// `'{:.<precision>f}'` (Python) for any value, with Python's spelling of NaN and infinities.
    static func fixed(_ x: Double, precision: Int) -> String {
        if let special = nonFinite(x) { return special }
        return format("%.\(precision)f", x)
    }

    /// `'{:.<precision>e}'` (Python) for any value, with Python's spelling of NaN and infinities.
    static func scientific(_ x: Double, precision: Int) -> String {
        if let special = nonFinite(x) { return special }
        return format("%.\(precision)e", x)
    }

    /// `nan`, `inf`, `-inf` for non-finite values, nil otherwise.
    static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }

    /// `s` left-padded with spaces to `width` characters (never truncated). All inputs are ASCII.
    static func padLeft(_ s: String, _ width: Int) -> String {
        let n = s.utf8.count
        return n >= width ? s : String(repeating: " ", count: width - n) + s
    }
}
