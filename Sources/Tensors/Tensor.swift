/// A strided n-dimensional array with PyTorch semantics.
///
/// A tensor is a view (shape, strides in elements, storage offset) over a shared `TensorStorage`.
/// Views made by indexing, `view`, `permute`, `expand`… share the storage, so writes through one
/// are visible in the others. Tensors also carry autograd state (`requiresGrad`, `grad`, `gradFn`).
public final class Tensor {
    /// The shared element buffer.
    public let storage: TensorStorage
    /// Element type.
    public let dtype: DType
    // Geometry is private behind accessors so a small-rank inline representation can replace it.
    private var _shape: [Int]
    private var _strides: [Int]
    /// Offset of element [0, 0, …] in the storage, in elements.
    public let storageOffset: Int

    // MARK: autograd state
    /// `requires_grad` flag of a leaf (non-leaves require grad iff they have a `gradFn`).
    var leafRequiresGrad = false
    /// The accumulated gradient (`.grad`); the interpreter may set it (e.g. to nil).
    public var grad: Tensor?
    /// The node that produced this tensor, nil for leaves.
    public internal(set) var gradFn: GradNode?
    /// Which output of `gradFn` this tensor is.
    var outputNr = 0
    /// For differentiable views: the root base tensor whose storage this view aliases.
    var viewBase: Tensor?
    /// `retain_grad()` was called on this non-leaf.
    public internal(set) var retainsGrad = false
    /// How the interpreter presents this tensor: a plain `torch.Tensor`, an `nn.Parameter`,
    /// or an MXNet `NDArray` (set by the interpreter; no effect on the math).
    public var flavor: TensorFlavor = .tensor
    /// The cached gradient accumulator of a leaf.
    weak var accumulator: AccumulateGrad?

    /// Makes a tensor over `storage` with the given geometry (no checks: callers guarantee bounds).
    init(storage: TensorStorage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self._shape = shape
        self._strides = strides
        self.storageOffset = offset
    }

    /// Allocates a contiguous tensor of `shape` (uninitialised unless `zeroed`).
    init(allocating shape: [Int], dtype: DType, zeroed: Bool = false) throws(TensorError) {
        let n = try TensorMemory.checkedCount(shape, itemSize: dtype.itemSize)
        if n == 0 { try checkContiguousStrides(shape) }
        self.storage = try TensorStorage.allocate(byteCount: n * dtype.itemSize, zeroed: zeroed)
        self.dtype = dtype
        self._shape = shape
        self._strides = contiguousStrides(shape)
        self.storageOffset = 0
    }

    /// Allocates a contiguous tensor with a shape known to be valid and a precomputed strides array
    /// (lets elementwise results share the shape/strides arrays of their input: no array allocation).
    init(allocatingValid shape: [Int], strides: [Int], count: Int, dtype: DType) throws(TensorError) {
        self.storage = try TensorStorage.allocate(byteCount: count * dtype.itemSize, zeroed: false)
        self.dtype = dtype
        self._shape = shape
        self._strides = strides
        self.storageOffset = 0
    }

    /// The size of each dimension.
    @inline(__always) public var shape: [Int] { _shape }
    /// Element strides of each dimension.
    @inline(__always) public var strides: [Int] { _strides }
    /// Number of dimensions.
    @inline(__always) public var rank: Int { _shape.count }
    /// Number of elements.
    public var count: Int {
        var n = 1
        for d in _shape { n &*= d }
        return n
    }

    /// `size(dim)` with negative dims.
    public func size(_ dim: Int) throws -> Int {
        if rank == 0 { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
        return _shape[try normalizeDim(dim, rank: rank)]
    }

    /// `stride(dim)` with negative dims.
    public func stride(_ dim: Int) throws -> Int {
        if rank == 0 { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
        return _strides[try normalizeDim(dim, rank: rank)]
    }

    /// Row-major contiguity (size-1 dims' strides are ignored and a tensor with no elements is
    /// contiguous, as in PyTorch).
    public var isContiguous: Bool {
        var expected = 1
        var contiguous = true
        var i = _shape.count - 1
        while i >= 0 {
            let d = _shape[i]
            if d == 0 { return true }
            if d != 1 {
                if _strides[i] != expected { contiguous = false }
                expected &*= d
            }
            i -= 1
        }
        return contiguous
    }

    /// Typed pointer to element [0, 0, …].
    @inline(__always)
    func pointer<T>(_: T.Type) -> UnsafeMutablePointer<T> {
        (storage.data + storageOffset &* dtype.itemSize).assumingMemoryBound(to: T.self)
    }

    /// Raw pointer to element [0, 0, …].
    @inline(__always)
    var rawPointer: UnsafeMutableRawPointer { storage.data + storageOffset &* dtype.itemSize }

    /// A new tensor object aliasing this one's storage with other geometry.
    @inline(__always)
    func alias(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        Tensor(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset)
    }

    /// Version counter of the storage (`_version`).
    public var version: Int { storage.version }

    /// Whether two tensors alias the same storage.
    public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }
}

/// Row-major strides for `shape`.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    // Small ranks use array literals: `Array(repeating:count:)` goes through the stdlib's
    // unspecialised allocator (a generic-metadata lookup per call), which dominated tiny ops.
    switch shape.count {
    case 0: return []
    case 1: return [1]
    case 2: return [Swift.max(shape[1], 1), 1]
    case 3:
        let s1 = Swift.max(shape[2], 1)
        return [s1 &* Swift.max(shape[1], 1), s1, 1]
    case 4:
        let s2 = Swift.max(shape[3], 1)
        let s1 = s2 &* Swift.max(shape[2], 1)
        return [s1 &* Swift.max(shape[1], 1), s1, s2, 1]
    default: break
    }
    var s = [Int](repeating: 1, count: shape.count)
    var acc = 1
    var i = shape.count - 1
    while i >= 0 {
        s[i] = acc
        acc &*= Swift.max(shape[i], 1)
        i -= 1
    }
    return s
}

/// Product of a shape (callers guarantee it was validated).
@inline(__always)
func shapeCount(_ shape: [Int]) -> Int {
    var n = 1
    for d in shape { n &*= d }
    return n
}

/// The Python class a tensor object presents as (see `Tensor.flavor`).
public enum TensorFlavor: Sendable {
    case tensor
    case parameter
    case ndarray
}

extension Tensor {
    /// True for `nn.Parameter` tensors.
    public var isParameter: Bool { flavor == .parameter }
}

/// PyTorch refuses a shape whose contiguous strides overflow even when it holds no elements
/// (`torch.zeros(2**40, 0, 2**40, 2**40)`); a non-empty shape that passed the element-count check
/// cannot overflow.
func checkContiguousStrides(_ shape: [Int]) throws(TensorError) {
    var stride = 1
    var i = shape.count - 1
    while i > 0 {
        let (s, o) = stride.multipliedReportingOverflow(by: Swift.max(shape[i], 1))
        if o { throw TensorError.runtime("Stride calculation overflowed") }
        stride = s
        i -= 1
    }
}
