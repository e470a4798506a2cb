/// PyTorch's memory-overlap rules for in-place elementwise ops (ATen's MemoryOverlap.cpp): writing
/// a tensor some of whose elements share memory (an expanded view) is refused, and so is reading
/// an operand that partly overlaps the written tensor (`x[1:] += x[:-1]`), whose result would
/// depend on the order of the loop. Full overlap (`x += x`) is fine. Like PyTorch, only layouts
/// where the answer is cheap are judged: anything else ("too hard") is let through.
extension Tensor {
    /// How two tensors' memory relates.
    enum Overlap {
        case none
        case partial
        case full
        case tooHard
    }

    /// Whether the elements tile a dense block of memory exactly once, in some dimension order.
    var isNonOverlappingAndDense: Bool {
        let r = rank
        let sh = shape
        let st = strides
        if r == 1 { return sh[0] < 2 || st[0] == 1 }
        let order = (0..<r).sorted { a, b in
            if sh[a] < 2 || sh[b] < 2 { return false }
            return st[a] < st[b]
        }
        var require = 1
        for d in order {
            let size = sh[d]
            if size < 2 { continue }
            if st[d] != require { return false }
            require = require &* size
        }
        return true
    }

    /// `has_internal_overlap`: whether some element of this view shares memory with another.
    /// (A dense layout never overlaps and a zero stride over a size > 1 is never dense, so the
    /// zero-stride test alone decides PyTorch's "yes".)
    var hasInternalOverlap: Bool {
        for (size, stride) in zip(shape, strides) where size > 1 && stride == 0 { return true }
        return false
    }

    /// `get_overlap_status(self, other)`.
    func overlap(with other: Tensor) -> Overlap {
        if self === other { return .full }
        // Different storages never overlap (checked first: it is the common, cheap answer).
        guard storage === other.storage else { return .none }
        if count == 0 || other.count == 0 { return .none }
        if !isNonOverlappingAndDense || !other.isNonOverlappingAndDense { return .tooHard }
        let aBegin = storageOffset &* dtype.itemSize
        let aEnd = aBegin &+ count &* dtype.itemSize
        let bBegin = other.storageOffset &* other.dtype.itemSize
        let bEnd = bBegin &+ other.count &* other.dtype.itemSize
        if aBegin == bBegin && aEnd == bEnd { return strides == other.strides ? .full : .partial }
        if aBegin < bEnd && bBegin < aEnd { return .partial }
        return .none
    }

    /// Refuses an in-place write of this tensor that reads `inputs`, with PyTorch's messages.
    func checkInPlaceOverlap(reading inputs: [Tensor]) throws(TensorError) {
        if hasInternalOverlap {
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single memory "
                    + "location. Please clone() the tensor before performing the operation.")
        }
        for t in inputs where overlap(with: t) == .partial {
            throw TensorError.runtime(
                "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
                    + "memory location. Please clone() the tensor before performing the operation.")
        }
    }
}
