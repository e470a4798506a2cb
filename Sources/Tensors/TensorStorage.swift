/// The storage header: the data pointer (into the tail allocation), its size and the version counter.
public struct StorageHeader {
    /// Bytes of element data.
    public var byteCount: Int
    /// Bumped by every in-place write; autograd compares it with the version saved at record time.
    public var version: Int
    var data: UnsafeMutableRawPointer?
}

/// A reference-counted, untyped element buffer shared by a tensor and all its views.
///
/// The elements are tail-allocated in the same heap block as the object (one allocation per
/// storage), 8-byte aligned. Memory is accounted in `TensorMemory`.
public final class TensorStorage: ManagedBuffer<StorageHeader, UInt64> {
    /// Allocates `byteCount` bytes (uninitialised unless `zeroed`) after checking the memory limit.
    static func allocate(byteCount: Int, zeroed: Bool) throws(TensorError) -> TensorStorage {
        try TensorMemory.reserve(byteCount)
        let words = (byteCount + 7) / 8
        let buffer = TensorStorage.create(minimumCapacity: Swift.max(words, 1)) { _ in
            StorageHeader(byteCount: byteCount, version: 0, data: nil)
        }
        // `create` on a subclass returns an instance of the subclass.
        let storage = unsafeDowncast(buffer, to: TensorStorage.self)
        let p = storage.withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
        storage.header.data = p
        if zeroed && byteCount > 0 { p.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount) }
        return storage
    }

    deinit {
        TensorMemory.release(header.byteCount)
    }

    /// Start of the element bytes. Valid while the storage is alive.
    @inline(__always)
    public var data: UnsafeMutableRawPointer {
        // The header's pointer is set right after creation and never changes.
        header.data.unsafelyUnwrapped
    }

    /// Bytes of element data.
    public var byteCount: Int { header.byteCount }

    /// The version counter (number of in-place writes so far).
    public var version: Int { header.version }

    @inline(__always)
    func bumpVersion() { header.version &+= 1 }
}
