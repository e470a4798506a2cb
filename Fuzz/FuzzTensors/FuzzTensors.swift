// libFuzzer target: tensor operations on random shapes and dtypes. The input is a small
// program: each byte picks an operation (create, unary, binary, reduce, view, matmul, join,
// conv/pool, index, in-place, sort, autograd) and the next bytes its shapes, dims and
// dtypes. Every operation may throw a TensorError for bad arguments; it must never trap,
// read out of bounds (AddressSanitizer) or allocate past the tensor memory limit.
#if canImport(Glibc)
import Glibc
#endif
import Tensors

/// Reads the fuzz input a byte at a time (zeros once it runs out).
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var atEnd: Bool { position >= bytes.count }
    mutating func byte() -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position])
    }
    mutating func pick<T>(_ items: [T]) -> T { items[byte() % items.count] }
    /// A small signed number, -3...4: dims and sizes, including invalid ones.
    mutating func small() -> Int { byte() % 8 - 3 }
    mutating func shape() -> [Int] { (0..<(byte() % 5)).map { _ in byte() % 5 } }
    mutating func scalar() -> Scalar {
        switch byte() % 4 {
        case 0: .bool(byte() % 2 == 0)
        case 1: .int(small())
        case 2: .double(Double(small()) / 2)
        default: .double(pick([Double.nan, .infinity, -.infinity, 1e300, -0.0]))
        }
    }
}

let unaryOps: [UnaryOp] = [.neg, .abs, .exp, .log, .log2, .log10, .log1p, .expm1, .sqrt, .rsqrt, .sin, .cos, .tan,
                           .tanh, .sigmoid, .relu, .sign, .floor, .ceil, .round, .trunc, .frac, .reciprocal, .square,
                           .logicalNot, .bitwiseNot]
let binaryOps: [BinaryOp] = [.add, .sub, .mul, .div, .floorDivide, .truncDivide, .remainder, .pow, .maximum, .minimum,
                             .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor, .bitwiseAnd,
                             .bitwiseOr, .bitwiseXor]

func makeTensor(_ r: inout ByteReader) throws -> Tensor {
    let shape = r.shape()
    let dtype = r.pick(DType.allCases)
    let n = shape.reduce(1, *)
    let base = try Tensor.arange(.int(-r.byte() % 7), .int(n - r.byte() % 7)).narrow(0, 0, n)
    let scaled = dtype.isFloatingPoint ? try Tensor.mul(.tensor(base), .scalar(.double(0.5))) : base
    return try scaled.reshape(shape).to(dtype)
}

func step(_ r: inout ByteReader, _ stack: inout [Tensor]) throws {
    let op = r.byte() % 16
    if trace { FileHandleWriter.write("op \(op) at byte \(r.position)\n") }
    if stack.isEmpty || op == 0 {
        stack.append(try makeTensor(&r))
        return
    }
    let a = stack[stack.count - 1]
    let b = stack.count > 1 ? stack[stack.count - 2] : a
    var out: Tensor?
    switch op {
    case 1: out = try a.unary(r.pick(unaryOps))
    case 2: out = try Tensor.binary(r.pick(binaryOps), .tensor(a), .tensor(b))
    case 3: out = try Tensor.binary(r.pick(binaryOps), .tensor(a), .scalar(r.scalar()))
    case 4:
        let dims: [Int]? = r.byte() % 3 == 0 ? nil : [r.small()]
        let keep = r.byte() % 2 == 0
        switch r.byte() % 12 {
        case 0: out = try a.sum(dims: dims, keepdim: keep)
        case 1: out = try a.mean(dims: dims, keepdim: keep)
        case 2: out = try a.prod(dim: dims?.first, keepdim: keep)
        case 3: out = try a.max()
        case 4: out = try a.min(dim: r.small(), keepdim: keep).indices
        case 5: out = try a.argmax(dim: dims?.first, keepdim: keep)
        case 6: out = try a.amax(dims: dims, keepdim: keep)
        case 7: out = try a.variance(dims: dims, correction: Double(r.byte() % 2), keepdim: keep)
        case 8: out = try a.std(dims: dims, keepdim: keep)
        case 9: out = try a.all(dims: dims, keepdim: keep)
        case 10: out = try a.any(dims: dims, keepdim: keep)
        default: out = try a.norm(p: Double(r.byte() % 3), dims: dims, keepdim: keep)
        }
    case 5:
        switch r.byte() % 16 {
        case 0: out = try a.reshape(r.shape().map { $0 == 4 ? -1 : $0 })
        case 1: out = try a.view(r.shape())
        case 2: out = try a.permute((0..<a.rank).map { _ in r.small() })
        case 3: out = try a.transpose(r.small(), r.small())
        case 4: out = try a.slice(r.small(), start: r.small(), stop: r.small(), step: r.byte() % 4)
        case 5: out = try a.select(r.small(), r.small())
        case 6: out = try a.expand(r.shape().map { $0 - 1 })
        case 7: out = try a.squeeze(r.byte() % 2 == 0 ? nil : r.small())
        case 8: out = try a.unsqueeze(r.small())
        case 9: out = try a.flatten(startDim: r.small(), endDim: r.small())
        case 10: out = try a.narrow(r.small(), r.small(), r.small())
        case 11: out = try a.t()
        case 12: out = try a.contiguous()
        case 13: out = try a.flip(r.small())
        case 14: out = try a.chunk(r.small(), dim: r.small()).first
        default: out = try a.split(r.small(), dim: r.small()).last
        }
    case 6:
        switch r.byte() % 6 {
        case 0: out = try Tensor.matmul(a, b)
        case 1: out = try Tensor.mm(a, b)
        case 2: out = try Tensor.bmm(a, b)
        case 3: out = try Tensor.dot(a, b)
        case 4: out = try Tensor.mv(a, b)
        default: out = try Tensor.outer(a, b)
        }
    case 7:
        out = r.byte() % 2 == 0 ? try Tensor.cat([a, b], dim: r.small()) : try Tensor.stack([a, b], dim: r.small())
    case 8:
        let padding: NN.Padding = r.byte() % 4 == 0 ? .same : .explicit(r.small(), r.small())
        out = try NN.conv2d(a, weight: b, bias: r.byte() % 2 == 0 ? nil : stack.first,
                            stride: (r.small(), r.small()), padding: padding,
                            dilation: (r.small(), r.small()), groups: r.small())
    case 9:
        let k = (r.small(), r.small())
        let s: (Int, Int)? = r.byte() % 2 == 0 ? nil : (r.small(), r.small())
        let p = (r.small(), r.small())
        switch r.byte() % 6 {
        case 0: out = try NN.maxPool2d(a, kernelSize: k, stride: s, padding: p)
        case 1: out = try NN.avgPool2d(a, kernelSize: k, stride: s, padding: p)
        case 2: out = try NN.adaptiveAvgPool2d(a, outputSize: k)
        case 3: out = try NN.softmax(a, dim: r.small())
        case 4: out = try NN.logSoftmax(a, dim: r.small())
        default: out = try NN.pad(a, (0..<(r.byte() % 5)).map { _ in r.small() })
        }
    case 10:
        var items: [IndexItem] = []
        for _ in 0..<(r.byte() % 4) {
            switch r.byte() % 5 {
            case 0: items.append(.int(r.small()))
            case 1: items.append(.slice(r.byte() % 2 == 0 ? nil : r.small(), r.byte() % 2 == 0 ? nil : r.small(),
                                        r.byte() % 2 == 0 ? nil : r.small()))
            case 2: items.append(.none)
            case 3: items.append(.ellipsis)
            default: items.append(.tensor(b))
            }
        }
        if r.byte() % 2 == 0 {
            out = try a.index(items)
        } else {
            try a.indexPut(items, r.byte() % 2 == 0 ? .tensor(b) : .scalar(r.scalar()))
        }
    case 11:
        switch r.byte() % 6 {
        case 0: out = try a.binaryInPlace(r.pick(binaryOps), .tensor(b))
        case 1: out = try a.fill_(r.scalar())
        case 2: out = try a.clamp_(min: r.scalar(), max: r.byte() % 2 == 0 ? nil : r.scalar())
        case 3: out = try a.copy_(b)
        case 4: out = try a.unaryInPlace(r.pick(unaryOps))
        default: out = try a.maskedFill(b, r.scalar())
        }
    case 12:
        switch r.byte() % 7 {
        case 0: out = try a.to(r.pick(DType.allCases))
        case 1: out = try a.sort(dim: r.small(), descending: r.byte() % 2 == 0).values
        case 2: out = try a.topk(r.small(), dim: r.small(), largest: r.byte() % 2 == 0).indices
        case 3: out = try a.cumsum(r.small())
        case 4: out = try a.nonzero()
        case 5: out = try Tensor.where(b, .tensor(a), .scalar(r.scalar()))
        default: out = try a.asStrided(r.shape(), r.shape(), offset: r.byte() % 2 == 0 ? nil : r.small())
        }
    case 13:
        // Autograd: a float leaf through a few differentiable ops, then backward.
        guard a.dtype.isFloatingPoint else { return }
        let leaf = try a.detach().clone().requiresGrad_()
        var y = leaf
        for _ in 0..<(r.byte() % 4) {
            switch r.byte() % 6 {
            case 0: y = try y.unary(r.pick([.exp, .tanh, .sigmoid, .relu, .square, .neg, .abs, .sqrt, .log]))
            case 1: y = try Tensor.mul(.tensor(y), .tensor(y))
            case 2: y = try y.sum(dims: [r.small()], keepdim: true)
            case 3: y = try y.transpose(r.small(), r.small())
            case 4: y = try Tensor.matmul(y, y)
            default: y = try NN.softmax(y, dim: r.small())
            }
        }
        try y.sum().backward()
        out = leaf.grad
    case 14:
        let target = r.byte() % 2 == 0 ? b : try b.to(.int64)
        switch r.byte() % 3 {
        case 0: out = try NN.mseLoss(a, target)
        case 1: out = try NN.crossEntropy(a, target)
        default: out = try NN.nllLoss(a, target)
        }
    default:
        _ = a.toScalars()
        _ = try? a.item()
        stack.removeLast()
    }
    if let out {
        if trace { FileHandleWriter.write("op \(op) -> \(out.shape) strides \(out.strides) offset \(out.storageOffset) \(out.dtype)\n") }
        _ = out.toScalars().count
        if stack.count >= 6 { stack.removeFirst() }
        stack.append(out)
    }
}

nonisolated(unsafe) var configured = false
/// FUZZ_TRACE=1 prints each step's result, to minimise a crash by hand.
let trace = getenv("FUZZ_TRACE") != nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !configured {
        // Small enough that every op on the largest allowed tensor finishes well inside
        // libFuzzer's per-input timeout under AddressSanitizer (64 MiB let advanced indexing
        // build 12M-element rank-23 tensors whose in-place ops took ~18 s each under ASan).
        TensorMemory.limit = 4 << 20
        configured = true
    }
    var reader = ByteReader(bytes: UnsafeBufferPointer(start: data, count: size))
    var stack: [Tensor] = []
    var steps = 0
    while !reader.atEnd && steps < 64 {
        steps += 1
        do { try step(&reader, &stack) } catch {}
    }
    return 0
}

/// Writes trace lines straight to file descriptor 2 (unbuffered, survives a crash).
enum FileHandleWriter {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
