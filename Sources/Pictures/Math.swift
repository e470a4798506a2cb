#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libm functions the layout needs, in one place.
enum M {
    static func log10(_ x: Double) -> Double {
        #if canImport(Glibc) || canImport(Darwin)
        return Foundation_log10(x)
        #else
        return x.isNaN ? x : 0
        #endif
    }
    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 {
            for _ in 0..<min(e, 400) { r *= 10 }
        } else {
            for _ in 0..<min(-e, 400) { r /= 10 }
        }
        return r
    }
    static func pow10(_ x: Double) -> Double { Foundation_pow(10, x) }
}

@inline(__always) private func Foundation_log10(_ x: Double) -> Double { log10(x) }
@inline(__always) private func Foundation_pow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
