#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Process-wide accounting of tensor memory.
///
/// Every storage allocation is checked against `limit` *before* memory is requested, so a
/// runaway `torch.zeros(10**12)` raises PyTorch's out-of-memory RuntimeError instead of
/// taking the machine down. The check counts live tensor bytes plus the new request.
public enum TensorMemory {
    private static let limitBytes = Atomic<Int>(defaultLimit())
    private static let liveBytes = Atomic<Int>(0)

    /// The most bytes all live tensor storages may occupy together. Default: half the physical RAM.
    public static var limit: Int {
        get { limitBytes.load(ordering: .relaxed) }
        set { limitBytes.store(newValue, ordering: .relaxed) }
    }

    /// Bytes currently held by live storages.
    public static var inUse: Int { liveBytes.load(ordering: .relaxed) }

    private static func defaultLimit() -> Int {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        if pages <= 0 || pageSize <= 0 { return 4 << 30 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: pageSize)
        return overflow ? Int.max / 2 : total / 2
    }

    /// Reserves `bytes` or throws PyTorch's allocation failure.
    static func reserve(_ bytes: Int) throws(TensorError) {
        let after = liveBytes.add(bytes, ordering: .relaxed).newValue
        if after > limit || after < 0 {
            liveBytes.subtract(bytes, ordering: .relaxed)
            throw TensorError.runtime(
                "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: "
                    + "you tried to allocate \(bytes) bytes. Error code 12 (Cannot allocate memory)")
        }
    }

    static func release(_ bytes: Int) {
        liveBytes.subtract(bytes, ordering: .relaxed)
    }

    /// The element count of `shape`, validating dimensions and overflow like PyTorch's allocator.
    static func checkedCount(_ shape: [Int], itemSize: Int) throws(TensorError) -> Int {
        var n = 1
        var overflow = false
        for d in shape {
            if d < 0 {
                throw TensorError.runtime("Trying to create tensor with negative dimension \(d): \(shapeString(shape))")
            }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            overflow = overflow || o
            n = p
        }
        let (_, o2) = n.multipliedReportingOverflow(by: itemSize)
        if overflow || o2 {
            throw TensorError.runtime("Storage size calculation overflowed with sizes=\(shapeString(shape))")
        }
        return n
    }
}
