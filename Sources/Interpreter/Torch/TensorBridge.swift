import Language
import Tensors

// The interpreter's own operator enums win over the Tensors module's ones of the same name.
typealias BinaryOp = Language.BinaryOp
typealias UnaryOp = Language.UnaryOp

/// `torch.float32` and friends.
final class DTypeObject: PyObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    override var typeName: String { "dtype" }
    override func repr(_ interp: Interpreter) throws -> String { "torch.\(dtype.name)" }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "is_floating_point": return .bool(dtype.isFloatingPoint)
        case "itemsize": return .int(dtype.itemSize)
        default: return nil
        }
    }
}

/// `device(type='cpu')`.
final class DeviceObject: PyObject {
    override var typeName: String { "device" }
    override func repr(_ interp: Interpreter) throws -> String { "device(type='cpu')" }
    override func str(_ interp: Interpreter) throws -> String { "cpu" }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "type": return .str("cpu")
        case "index": return Value.none
        default: return nil
        }
    }
}

/// `t.grad_fn`: prints as `<MulBackward0 object at 0x...>`.
final class GradFnObject: PyObject {
    let node: GradNode
    init(_ node: GradNode) { self.node = node }
    override var typeName: String { node.name }
    override func repr(_ interp: Interpreter) throws -> String {
        "<\(node.name) object at 0x\(interp.fakeAddress(node))>"
    }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "name":
            // Nodes written in C++ (not generated from derivatives.yaml) report their namespace.
            let cppNodes: Set<String> = ["CopySlices", "CopyBackwards", "AccumulateGrad"]
            let full = cppNodes.contains(node.name) ? "torch::autograd::" + node.name : node.name
            return .object(PyBuiltinFunction("name") { _, _ in .str(full) })
        case "next_functions":
            return .object(PyTuple(node.nextFunctionNames.map { n in
                .object(PyTuple([n.map { .str($0) } ?? Value.none, .int(0)]))
            }))
        default: return nil
        }
    }
}

extension Interpreter {
    // MARK: - Conversions

    /// A Python number as a tensor scalar.
    func scalar(_ v: Value) -> Scalar? {
        switch v {
        case .int(let i): return .int(i)
        case .float(let d): return .double(d)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    func scalarValue(_ s: Scalar) -> Value {
        switch s {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        }
    }

    /// The non-tensor side of a tensor operation.
    func operand(_ v: Value, _ what: @autoclosure () -> String) throws -> Operand {
        switch v {
        case .tensor(let t): return .tensor(t)
        case .int(let i): return .scalar(.int(i))
        case .float(let d): return .scalar(.double(d))
        case .bool(let b): return .scalar(.bool(b))
        case .object(let o) where o is PyList || o is PyTuple:
            return .tensor(try tensorFromData(v, dtype: nil))
        default: throw typeError(what())
        }
    }

    func wrap(_ t: Tensor, like source: Tensor? = nil) -> Value {
        if let source, source.flavor == .ndarray { t.flavor = .ndarray }
        return .tensor(t)
    }

    /// `torch.tensor(data)`: nested lists/tuples of numbers or one-element tensors.
    func tensorFromData(_ data: Value, dtype: DType?) throws -> Tensor {
        var shape: [Int] = []
        var flat: [Scalar] = []
        var sawTensorDType: DType?
        func walk(_ v: Value, depth: Int) throws {
            switch v {
            case .object(let o) where o is PyList || o is PyTuple:
                let items = (o as? PyList)?.items ?? (o as! PyTuple).items
                if depth == shape.count {
                    if depth > 64 { throw valueError("too many dimensions") }
                    shape.append(items.count)
                } else if depth > shape.count || shape[depth] != items.count {
                    throw valueError("expected sequence of length \(depth < shape.count ? shape[depth] : 0) at dim \(depth) (got \(items.count))")
                }
                for x in items { try walk(x, depth: depth + 1) }
            case .tensor(let t):
                if t.count != 1 || t.rank > 0 {
                    if t.rank == 0 {
                        flat.append(try t.item())
                    } else {
                        throw valueError("only one element tensors can be converted to Python scalars")
                    }
                } else {
                    flat.append(try t.item())
                }
                sawTensorDType = t.dtype
                if depth != shape.count { throw valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got 0)") }
            default:
                guard let s = scalar(v) else {
                    throw typeError("new(): invalid data type '\(typeName(v))'")
                }
                if depth != shape.count {
                    throw valueError("expected sequence of length \(shape[depth]) at dim \(depth) (got 0)")
                }
                flat.append(s)
            }
        }
        try walk(data, depth: 0)
        var dt = dtype
        if dt == nil, let td = sawTensorDType, flat.allSatisfy({ if case .double = $0 { return false }; return true }) || td.isFloatingPoint {
            dt = td
        }
        if shape.reduce(1, *) != flat.count { throw valueError("inconsistent tensor data") }
        return try Tensor(shape: shape, scalars: flat, dtype: dt)
    }

    /// A Python subscript as tensor index items.
    func indexItems(_ index: Value) throws -> [IndexItem] {
        if case .object(let t as PyTuple) = index, !t.isTorchSize {
            return try t.items.map { try indexItem($0) }
        }
        return [try indexItem(index)]
    }

    func indexItem(_ v: Value) throws -> IndexItem {
        switch v {
        case .int(let i): return .int(i)
        case .bool(let b): return .tensor(try Tensor(scalar: .bool(b)))
        case .none: return .none
        case .tensor(let t): return .tensor(t)
        case .object(let o):
            switch o {
            case let s as PySlice:
                func part(_ p: Value) throws -> Int? {
                    if p.isNone { return nil }
                    guard let i = try intIndex(p) else {
                        throw typeError("slice indices must be integers or None or have an __index__ method")
                    }
                    return i
                }
                let step = try part(s.step)
                if let step, step <= 0 {
                    throw valueError(step == 0 ? "slice step cannot be zero" : "step must be greater than zero")
                }
                return .slice(try part(s.start), try part(s.stop), step)
            case is PyEllipsis: return .ellipsis
            case is PyList, is PyTuple:
                return .tensor(try tensorFromData(v, dtype: nil))
            case let inst as PyInstance:
                if let i = try intIndex(.object(inst)) { return .int(i) }
            default: break
            }
        default: break
        }
        throw indexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(typeName(v)))")
    }

    // MARK: - Hooks used by the core operators

    func tensorBinary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        // Built only when an error is raised (string interpolation per op was a measurable cost).
        func msg() -> String { "unsupported operand type(s) for \(op.rawValue): '\(typeName(a))' and '\(typeName(b))'" }
        let x = try operand(a, msg())
        let y = try operand(b, msg())
        let like: Tensor? = { if case .tensor(let t) = a { return t }; if case .tensor(let t) = b { return t }; return nil }()
        let r: Tensor
        switch op {
        case .add: r = try Tensor.add(x, y)
        case .sub: r = try Tensor.sub(x, y)
        case .mul: r = try Tensor.mul(x, y)
        case .div: r = try Tensor.div(x, y)
        case .floorDiv: r = try Tensor.floorDivide(x, y)
        case .mod: r = try Tensor.remainder(x, y)
        case .pow: r = try Tensor.pow(x, y)
        case .matMul:
            guard case .tensor(let ta) = x, case .tensor(let tb) = y else { throw typeError(msg()) }
            r = try Tensor.matmul(ta, tb)
        case .bitAnd: r = try Tensor.binary(.bitwiseAnd, x, y)
        case .bitOr: r = try Tensor.binary(.bitwiseOr, x, y)
        case .bitXor: r = try Tensor.binary(.bitwiseXor, x, y)
        case .lshift, .rshift: throw notImplemented("shift operators on tensors are not supported")
        }
        return wrap(r, like: like)
    }

    func tensorInplace(_ op: BinaryOp, _ t: Tensor, _ b: Value) throws -> Value {
        let msg = "unsupported operand type(s) for \(op.rawValue)=: '\(typeName(.tensor(t)))' and '\(typeName(b))'"
        let y = try operand(b, msg)
        switch op {
        case .add: try t.add_(y)
        case .sub: try t.sub_(y)
        case .mul: try t.mul_(y)
        case .div: try t.div_(y)
        case .pow: try t.pow_(y)
        case .floorDiv: _ = try t.binaryInPlace(.floorDivide, y)
        case .mod: _ = try t.binaryInPlace(.remainder, y)
        case .bitAnd: _ = try t.binaryInPlace(.bitwiseAnd, y)
        case .bitOr: _ = try t.binaryInPlace(.bitwiseOr, y)
        case .bitXor: _ = try t.binaryInPlace(.bitwiseXor, y)
        case .matMul:
            guard case .tensor(let tb) = y else { throw typeError(msg) }
            return wrap(try Tensor.matmul(t, tb), like: t)
        case .lshift, .rshift: throw notImplemented("shift operators on tensors are not supported")
        }
        return .tensor(t)
    }

    func tensorUnary(_ op: UnaryOp, _ t: Tensor) throws -> Value {
        switch op {
        case .neg:
            if t.dtype == .bool {
                throw typeError("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
            }
            return wrap(try t.neg(), like: t)
        case .pos: return .tensor(t)
        case .invert: return wrap(try t.unary(.bitwiseNot), like: t)
        case .not: return .bool(!(try tensorTruthy(t)))
        }
    }

    func tensorCompare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Value {
        let tensorOp: Tensors.BinaryOp
        switch op {
        case .eq: tensorOp = .eq
        case .ne: tensorOp = .ne
        case .lt: tensorOp = .lt
        case .le: tensorOp = .le
        case .gt: tensorOp = .gt
        case .ge: tensorOp = .ge
        case .in, .notIn, .is, .isNot: return try compare(op, a, b)
        }
        guard let x = try? operand(a, ""), let y = try? operand(b, "") else {
            if op == .eq { return .bool(false) }
            if op == .ne { return .bool(true) }
            throw typeError("'\(op.rawValue)' not supported between instances of '\(typeName(a))' and '\(typeName(b))'")
        }
        let like: Tensor? = { if case .tensor(let t) = a { return t }; if case .tensor(let t) = b { return t }; return nil }()
        let r = try Tensor.compare(tensorOp, x, y)
        // MXNet's comparisons return 0/1 in the array's own dtype.
        if let like, like.flavor == .ndarray { return wrap(try r.to(like.dtype), like: like) }
        return wrap(r, like: like)
    }

    func tensorTruthy(_ t: Tensor) throws -> Bool {
        let n = t.count
        if n == 0 { throw runtimeError("Boolean value of Tensor with no values is ambiguous") }
        if n > 1 { throw runtimeError("Boolean value of Tensor with more than one value is ambiguous") }
        return try t.item().boolValue
    }

    func tensorContains(_ t: Tensor, _ v: Value) throws -> Bool {
        let y = try operand(v, "unsupported operand type(s) for in: '\(typeName(v))' and 'Tensor'")
        return try tensorTruthy(try Tensor.compare(.eq, .tensor(t), y).any())
    }

    /// A one-element integer tensor used as an index (`__index__`).
    func tensorAsIndex(_ t: Tensor) throws -> Int? {
        guard t.count == 1, t.dtype.isIntegral || t.dtype == .bool else { return nil }
        return try t.item().intValue
    }

    func tensorGetItem(_ t: Tensor, _ index: Value) throws -> Value {
        wrap(try t.index(try indexItems(index)), like: t)
    }

    func tensorSetItem(_ t: Tensor, _ index: Value, _ value: Value) throws {
        var v = try operand(value, "can't assign a \(typeName(value)) to a \(t.dtype.legacyTypeName)")
        // PyTorch (and MXNet) drop a value's leading size-1 dims before broadcasting it into the
        // slot, so `Y[i, j] = x.sum()` works for an NDArray sum of shape (1,).
        if case .tensor(let vt) = v, vt.shape.first == 1 {
            v = .tensor(try vt.reshape(Array(vt.shape.drop { $0 == 1 })))
        }
        try t.indexPut(try indexItems(index), v)
    }

    func tensorIterate(_ t: Tensor) throws -> PyIterator {
        guard t.rank > 0 else { throw typeError("iteration over a 0-d tensor") }
        let n = t.shape[0]
        var i = 0
        return ClosureIterator(name: "iterator") { interp in
            guard i < n else { return nil }
            defer { i += 1 }
            return interp.wrap(try t.select(0, i), like: t)
        }
    }

    // MARK: - Printing

    func printElements(_ t: Tensor) -> PrintElements {
        switch t.dtype {
        case .float32, .float64: return .floating { t.scalar(atFlat: $0).doubleValue }
        case .bool: return .boolean { t.scalar(atFlat: $0).boolValue }
        case .uint8, .int8, .int16, .int32, .int64: return .integer { Int64(t.scalar(atFlat: $0).intValue) }
        }
    }

    func tensorRepr(_ t: Tensor) throws -> String {
        if t.flavor == .ndarray {
            return NumpyPrinter.ndarrayRepr(shape: t.shape, elements: printElements(t), float64: t.dtype == .float64)
        }
        var grad: String?
        if let fn = t.gradFn {
            grad = "grad_fn=<\(fn.name)>"
        } else if t.requiresGrad {
            grad = "requires_grad=True"
        }
        return TorchPrinter.repr(shape: t.shape, dtype: t.dtype, elements: printElements(t), gradSuffix: grad,
                                 isParameter: t.isParameter, options: printOptions)
    }

    /// `format(t, spec)`: a 0-d plain tensor formats its Python scalar; otherwise only
    /// an empty spec is allowed.
    func tensorFormat(_ t: Tensor, spec: String) throws -> String {
        if t.rank == 0 && !t.isParameter && t.flavor == .tensor {
            return try formatValue(scalarValue(try t.item()), spec: spec)
        }
        if spec.isEmpty { return try tensorRepr(t) }
        throw typeError("unsupported format string passed to \(t.isParameter ? "Parameter" : "Tensor").__format__")
    }

    /// The Python number `%d`/`%f` see for a one-element tensor.
    func tensorScalarForFormatting(_ t: Tensor) -> PyFormatValue? {
        guard t.count == 1, let s = try? t.item() else { return nil }
        switch s {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        }
    }

    func tensorToPythonInt(_ t: Tensor) throws -> Value {
        guard t.count == 1 else { throw valueError("only one element tensors can be converted to Python scalars") }
        switch try t.item() {
        case .bool(let b): return .int(b ? 1 : 0)
        case .int(let i): return .int(i)
        case .double(let d): return try toIntValue(.float(d))
        }
    }

    func tensorToPythonFloat(_ t: Tensor) throws -> Value {
        guard t.count == 1 else { throw valueError("only one element tensors can be converted to Python scalars") }
        return .float(try t.item().doubleValue)
    }

    // MARK: - Attributes

    func tensorAttribute(_ t: Tensor, _ name: String) throws -> Value? {
        switch name {
        case "shape":
            if t.flavor == .ndarray { return .object(PyTuple(t.shape.map { .int($0) })) }
            return sizeValue(t.shape)
        case "dtype":
            if t.flavor == .ndarray { return .object(NumpyDTypeObject(t.dtype)) }
            return dtypeValue(t.dtype)
        case "ndim": return .int(t.rank)
        case "size" where t.flavor == .ndarray: return .int(t.count)
        case "T": return wrap(try t.reversedDims(), like: t)
        case "mT": return wrap(try t.mT(), like: t)
        case "data": return wrap(t.data, like: t)
        case "grad":
            if t.flavor == .ndarray {
                guard let g = t.grad else { return Value.none }
                g.flavor = .ndarray
                return .tensor(g)
            }
            return t.grad.map { .tensor($0) } ?? Value.none
        case "requires_grad": return .bool(t.requiresGrad)
        case "is_leaf": return .bool(t.isLeaf)
        case "grad_fn": return t.gradFn.map { .object(GradFnObject($0)) } ?? Value.none
        case "device": return .object(DeviceObject())
        case "context": return .object(MXContextObject())
        case "is_cuda": return .bool(false)
        case "layout": return .str("torch.strided")
        case "retains_grad": return .bool(t.retainsGrad)
        case "itemsize": return .int(t.dtype.itemSize)
        case "nbytes": return .int(t.count * t.dtype.itemSize)
        case "real": return .tensor(t)
        default: return nil
        }
    }

    func tensorSetAttribute(_ t: Tensor, _ name: String, _ value: Value) throws {
        switch name {
        case "requires_grad":
            _ = try t.requiresGrad_(try truthy(value))
        case "grad":
            switch value {
            case .none: t.grad = nil
            case .tensor(let g):
                guard g.shape == t.shape else {
                    throw runtimeError("assigned grad has data of a different size")
                }
                t.grad = g
            default: throw typeError("assigned grad expected to be a Tensor or None but got grad of type \(typeName(value))")
            }
        case "data":
            guard case .tensor(let src) = value else {
                throw typeError("Variable data has to be a tensor, but got \(typeName(value))")
            }
            try GradMode.withDisabled { _ = try t.data.copy_(src) }
        default:
            throw attributeError("'\(typeName(.tensor(t)))' object has no attribute '\(name)'")
        }
    }

    func tensorAttributeNames() -> [String] {
        ["shape", "dtype", "ndim", "T", "mT", "data", "grad", "requires_grad", "is_leaf", "grad_fn", "device"]
            + Array(tensorMethodTable.keys)
    }

    func sizeValue(_ shape: [Int]) -> Value {
        .object(PyTuple(shape.map { .int($0) }, torchSize: true))
    }

    func dtypeValue(_ d: DType) -> Value {
        .object(DTypeObject(d))
    }
}

/// MXNet's `cpu(0)` context.
final class MXContextObject: PyObject {
    override var typeName: String { "Context" }
    override func repr(_ interp: Interpreter) throws -> String { "cpu(0)" }
}

/// numpy's dtype classes as MXNet shows them (`<class 'numpy.float32'>`).
final class NumpyDTypeObject: PyObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    override var typeName: String { "type" }
    override func repr(_ interp: Interpreter) throws -> String { "<class 'numpy.\(dtype.name)'>" }
}
