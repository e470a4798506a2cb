import Language
import Tensors

extension BinaryOp {
    /// The dunder names for user classes: (`__add__`, `__radd__`, `__iadd__`).
    var dunders: (String, String, String) {
        switch self {
        case .add: ("__add__", "__radd__", "__iadd__")
        case .sub: ("__sub__", "__rsub__", "__isub__")
        case .mul: ("__mul__", "__rmul__", "__imul__")
        case .div: ("__truediv__", "__rtruediv__", "__itruediv__")
        case .floorDiv: ("__floordiv__", "__rfloordiv__", "__ifloordiv__")
        case .mod: ("__mod__", "__rmod__", "__imod__")
        case .pow: ("__pow__", "__rpow__", "__ipow__")
        case .matMul: ("__matmul__", "__rmatmul__", "__imatmul__")
        case .lshift: ("__lshift__", "__rlshift__", "__ilshift__")
        case .rshift: ("__rshift__", "__rrshift__", "__irshift__")
        case .bitAnd: ("__and__", "__rand__", "__iand__")
        case .bitOr: ("__or__", "__ror__", "__ior__")
        case .bitXor: ("__xor__", "__rxor__", "__ixor__")
        }
    }
}

extension Interpreter {
    // MARK: - Arithmetic

    func binary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): return try intBinary(op, x, y)
        case (.bool(let x), .bool(let y)):
            switch op {
            case .bitAnd: return .bool(x && y)
            case .bitOr: return .bool(x || y)
            case .bitXor: return .bool(x != y)
            default: return try intBinary(op, x ? 1 : 0, y ? 1 : 0)
            }
        case (.bool(let x), .int(let y)): return try intBinary(op, x ? 1 : 0, y)
        case (.int(let x), .bool(let y)): return try intBinary(op, x, y ? 1 : 0)
        case (.float(let x), .float(let y)): return try floatBinary(op, x, y)
        case (.float(let x), .int(let y)): return try floatBinary(op, x, Double(y))
        case (.int(let x), .float(let y)): return try floatBinary(op, Double(x), y)
        case (.float(let x), .bool(let y)): return try floatBinary(op, x, y ? 1 : 0)
        case (.bool(let x), .float(let y)): return try floatBinary(op, x ? 1 : 0, y)
        case (.str(let s), _) where op == .mod: return .str(try percentFormat(s, b))
        case (.tensor, _), (_, .tensor):
            if case .object(let o) = b, o is PyInstance, let r = try reflected(op, a, b) { return r }
            return try tensorBinary(op, a, b)
        case (.str(let x), .str(let y)) where op == .add: return .str(x + y)
        case (.str(let s), .int(let n)) where op == .mul: return .str(try repeated(s, n))
        case (.int(let n), .str(let s)) where op == .mul: return .str(try repeated(s, n))
        default: break
        }
        if case .object(let x) = a, case .object(let y) = b {
            if let l = x as? PyList, let r = y as? PyList, op == .add { return .object(PyList(l.items + r.items)) }
            if let l = x as? PyTuple, let r = y as? PyTuple, op == .add {
                return .object(PyTuple(l.items + r.items, torchSize: l.isTorchSize))
            }
            if let l = x as? PyDict, let r = y as? PyDict, op == .bitOr {
                let d = PyDict()
                for (k, v) in l.pairs { try d.set(k, v, self) }
                for (k, v) in r.pairs { try d.set(k, v, self) }
                return .object(d)
            }
            if let l = x as? PySet, let r = y as? PySet {
                switch op {
                case .bitOr, .bitAnd, .sub, .bitXor: return .object(try setOp(op, l, r))
                default: break
                }
            }
        }
        if op == .mul {
            if case .object(let x) = a, case .int(let n) = b { if let r = try repeatSequence(x, n) { return r } }
            if case .int(let n) = a, case .object(let x) = b { if let r = try repeatSequence(x, n) { return r } }
        }
        if let r = try userBinary(op, a, b) { return r }
        if op == .add, let kind = concatenationKind(a) {
            let other = typeName(b)
            throw typeError("can only concatenate \(kind) (not \"\(other)\") to \(kind)")
        }
        if op == .mul {
            if concatenationKind(a) != nil { throw typeError("can't multiply sequence by non-int of type '\(typeName(b))'") }
            if concatenationKind(b) != nil { throw typeError("can't multiply sequence by non-int of type '\(typeName(a))'") }
        }
        throw typeError("unsupported operand type(s) for \(op.rawValue): '\(typeName(a))' and '\(typeName(b))'")
    }

    /// str, list and tuple refuse `+` with other types in their own words.
    private func concatenationKind(_ v: Value) -> String? {
        switch v {
        case .str: return "str"
        case .object(let o) where o is PyList: return "list"
        case .object(let o as PyTuple) where !o.isTorchSize: return "tuple"
        default: return nil
        }
    }

    private func repeated(_ s: String, _ n: Int) throws -> String {
        if n <= 0 { return "" }
        try checkAllocation(n, bytesEach: s.utf8.count)
        return String(repeating: s, count: n)
    }

    /// Refuses to build a string or container beyond the memory limit: Python raises
    /// MemoryError where allocating would kill the process.
    func checkAllocation(_ count: Int, bytesEach: Int) throws {
        let (total, overflow) = max(0, count).multipliedReportingOverflow(by: max(1, bytesEach))
        if overflow || total > TensorMemory.limit { throw makeError("MemoryError", "") }
    }

    private func repeatSequence(_ o: PyObject, _ n: Int) throws -> Value? {
        let k = max(0, n)
        if let l = o as? PyList { try checkAllocation(k, bytesEach: l.items.count * MemoryLayout<Value>.stride) }
        if let t = o as? PyTuple { try checkAllocation(k, bytesEach: t.items.count * MemoryLayout<Value>.stride) }
        if let l = o as? PyList { return .object(PyList(Array([[Value]](repeating: l.items, count: k).joined()))) }
        if let t = o as? PyTuple { return .object(PyTuple(Array([[Value]](repeating: t.items, count: k).joined()))) }
        return nil
    }

    private func setOp(_ op: BinaryOp, _ l: PySet, _ r: PySet) throws -> PySet {
        let out = PySet()
        switch op {
        case .bitOr:
            for v in l.elements { try out.insert(v, self) }
            for v in r.elements { try out.insert(v, self) }
        case .bitAnd:
            for v in l.elements where try r.contains(v, self) { try out.insert(v, self) }
        case .sub:
            for v in l.elements where try !r.contains(v, self) { try out.insert(v, self) }
        default:
            for v in l.elements where try !r.contains(v, self) { try out.insert(v, self) }
            for v in r.elements where try !l.contains(v, self) { try out.insert(v, self) }
        }
        return out
    }

    /// `__add__` on the left operand, then `__radd__` on the right.
    private func userBinary(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value? {
        let (fwd, rev, _) = op.dunders
        if case .object(let o as PyInstance) = a, let m = o.cls.lookup(fwd) {
            let r = try call(m, [a, b], [])
            if !isNotImplemented(r) { return r }
        }
        if case .object(let o as PyInstance) = b, let m = o.cls.lookup(rev) {
            let r = try call(m, [b, a], [])
            if !isNotImplemented(r) { return r }
        }
        return nil
    }

    /// A user class on the right of a tensor gets its reflected method first.
    private func reflected(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value? {
        let (_, rev, _) = op.dunders
        if case .object(let o as PyInstance) = b, let m = o.cls.lookup(rev) {
            let r = try call(m, [b, a], [])
            if !isNotImplemented(r) { return r }
        }
        return nil
    }

    func isNotImplemented(_ v: Value) -> Bool {
        if case .object(let o) = v, o === notImplementedSingleton { return true }
        return false
    }

    func intBinary(_ op: BinaryOp, _ x: Int, _ y: Int) throws -> Value {
        switch op {
        case .add:
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflowError("integer addition overflows 64 bits") }
            return .int(r)
        case .sub:
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflowError("integer subtraction overflows 64 bits") }
            return .int(r)
        case .mul:
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflowError("integer multiplication overflows 64 bits") }
            return .int(r)
        case .div:
            if y == 0 { throw zeroDivision("division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDiv:
            if y == 0 { throw zeroDivision("integer division or modulo by zero") }
            if x == Int.min && y == -1 { throw overflowError("integer division overflows 64 bits") }
            var q = x / y
            if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
            return .int(q)
        case .mod:
            if y == 0 { throw zeroDivision("integer modulo by zero") }
            if y == -1 { return .int(0) }
            var m = x % y
            if m != 0 && ((m < 0) != (y < 0)) { m += y }
            return .int(m)
        case .pow:
            if y < 0 {
                if x == 0 { throw zeroDivision("0.0 cannot be raised to a negative power") }
                return .float(pow(Double(x), Double(y)))
            }
            var result = 1
            var base = x
            var e = y
            while e > 0 {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { throw overflowError("integer power overflows 64 bits") }
                    result = r
                }
                e >>= 1
                if e > 0 {
                    let (b2, o) = base.multipliedReportingOverflow(by: base)
                    if o { throw overflowError("integer power overflows 64 bits") }
                    base = b2
                }
            }
            return .int(result)
        case .matMul:
            throw typeError("unsupported operand type(s) for @: 'int' and 'int'")
        case .lshift:
            if y < 0 { throw valueError("negative shift count") }
            if y >= 63 || (x != 0 && (x << y) >> y != x) {
                if x == 0 { return .int(0) }
                throw overflowError("integer shift overflows 64 bits")
            }
            return .int(x << y)
        case .rshift:
            if y < 0 { throw valueError("negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        }
    }

    func floatBinary(_ op: BinaryOp, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div:
            if y == 0 { throw zeroDivision("float division by zero") }
            return .float(x / y)
        case .floorDiv:
            if y == 0 { throw zeroDivision("float floor division by zero") }
            return .float(pyFloatFloorDiv(x, y))
        case .mod:
            if y == 0 { throw zeroDivision("float modulo by zero") }
            return .float(pyFloatMod(x, y))
        case .pow:
            if x == 0 && y < 0 { throw zeroDivision("zero to a negative power") }
            if x < 0 && y != y.rounded() { throw valueError("complex numbers are not supported (negative number to a fractional power)") }
            let r = pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw overflowError("(34, 'Numerical result out of range')") }
            return .float(r)
        case .matMul, .lshift, .rshift, .bitAnd, .bitOr, .bitXor:
            throw typeError("unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }

    /// In-place operators: lists extend, tensors update in place, others fall back.
    func inplace(_ op: BinaryOp, _ a: Value, _ b: Value) throws -> Value {
        switch a {
        case .tensor(let t):
            return try tensorInplace(op, t, b)
        case .object(let o):
            if let l = o as? PyList {
                if op == .add {
                    l.items.append(contentsOf: try iterateAll(b))
                    return a
                }
                if op == .mul, case .int(let n) = b {
                    let items = l.items
                    if n > 0 { try checkAllocation(n, bytesEach: items.count * MemoryLayout<Value>.stride) }
                    l.items = n <= 0 ? [] : Array([[Value]](repeating: items, count: n).joined())
                    return a
                }
            }
            if let inst = o as? PyInstance, let m = inst.cls.lookup(op.dunders.2) {
                let r = try call(m, [a, b], [])
                if !isNotImplemented(r) { return r }
            }
        default: break
        }
        return try binary(op, a, b)
    }

    func unary(_ op: UnaryOp, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.not, _): return .bool(!(try truthy(v)))
        case (.neg, .int(let i)):
            if i == Int.min { throw overflowError("integer negation overflows 64 bits") }
            return .int(-i)
        case (.neg, .float(let d)): return .float(-d)
        case (.neg, .bool(let b)): return .int(b ? -1 : 0)
        case (.pos, .int), (.pos, .float): return v
        case (.pos, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(b ? -2 : -1)
        case (_, .tensor(let t)): return try tensorUnary(op, t)
        case (_, .object(let o as PyInstance)):
            let name = op == .neg ? "__neg__" : op == .pos ? "__pos__" : "__invert__"
            if let m = o.cls.lookup(name) { return try call(m, [v], []) }
        default: break
        }
        throw typeError("bad operand type for unary \(op.rawValue): '\(typeName(v))'")
    }

    // MARK: - Comparison

    func compare(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .is: return .bool(identical(a, b))
        case .isNot: return .bool(!identical(a, b))
        case .in: return .bool(try contains(b, a))
        case .notIn: return .bool(!(try contains(b, a)))
        case .eq, .ne, .lt, .le, .gt, .ge: break
        }
        if case .tensor = a { return try tensorCompare(op, a, b) }
        if case .tensor = b { return try tensorCompare(op, a, b) }
        switch op {
        case .eq: return try richEquals(a, b)
        case .ne:
            let r = try richEquals(a, b)
            if case .bool(let x) = r { return .bool(!x) }
            return .bool(!(try truthy(r)))
        default:
            return .bool(try order(op, a, b))
        }
    }

    func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.tensor(let x), .tensor(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// `==` with user `__eq__` honoured.
    func richEquals(_ a: Value, _ b: Value) throws -> Value {
        if case .object(let o as PyInstance) = a, let m = o.cls.lookup("__eq__") {
            let r = try call(m, [a, b], [])
            if !isNotImplemented(r) { return r }
        }
        if case .object(let o as PyInstance) = b, let m = o.cls.lookup("__eq__") {
            let r = try call(m, [b, a], [])
            if !isNotImplemented(r) { return r }
        }
        return .bool(try valuesEqual(a, b))
    }

    /// Python equality for builtin values.
    func valuesEqual(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.int(let x), .float(let y)), (.float(let y), .int(let x)): return compareIntFloat(x, y) == 0
        case (.bool(let x), .int(let y)), (.int(let y), .bool(let x)): return (x ? 1 : 0) == y
        case (.bool(let x), .float(let y)), (.float(let y), .bool(let x)): return (x ? 1.0 : 0.0) == y
        case (.str(let x), .str(let y)): return x.utf8.elementsEqual(y.utf8)  // code points, not canonical equivalence
        case (.tensor(let x), .tensor(let y)): return x === y
        case (.object(let x), .object(let y)):
            if x === y { return true }
            // Deeply nested containers end in RecursionError, not a stack overflow.
            depth += 1
            defer { depth -= 1 }
            if depth > recursionLimit { throw makeError("RecursionError", "maximum recursion depth exceeded in comparison") }
            if let l = x as? PyList, let r = y as? PyList { return try sequencesEqual(l.items, r.items) }
            if let l = x as? PyTuple, let r = y as? PyTuple { return try sequencesEqual(l.items, r.items) }
            if let l = x as? PyDict, let r = y as? PyDict {
                guard l.count == r.count else { return false }
                for (k, v) in l.pairs {
                    guard let rv = try r.get(k, self), try truthy(try richEquals(v, rv)) else { return false }
                }
                return true
            }
            if let l = x as? PySet, let r = y as? PySet {
                guard l.count == r.count else { return false }
                for v in l.elements where try !r.contains(v, self) { return false }
                return true
            }
            if let l = x as? PyRange, let r = y as? PyRange {
                return l.count == r.count && (l.count == 0 || (l.start == r.start && (l.count == 1 || l.step == r.step)))
            }
            if let l = x as? DTypeObject, let r = y as? DTypeObject { return l.dtype == r.dtype }
            return false
        default: return false
        }
    }

    private func sequencesEqual(_ a: [Value], _ b: [Value]) throws -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            if identical(x, y) { continue }
            if try !truthy(try richEquals(x, y)) { return false }
        }
        return true
    }

    /// `<`, `<=`, `>`, `>=` for builtin values and user classes.
    func order(_ op: CompareOp, _ a: Value, _ b: Value) throws -> Bool {
        func num(_ v: Value) -> Double? {
            switch v {
            case .int(let i): Double(i)
            case .float(let d): d
            case .bool(let b): b ? 1 : 0
            default: nil
            }
        }
        if case .int(let x) = a, case .int(let y) = b { return cmp(op, x, y) }
        // int against float compares exactly (2**53 + 1 > 2.0**53), as Python does.
        if case .int(let x) = a, case .float(let y) = b { return compareIntFloat(x, y).map { cmp(op, $0, 0) } ?? false }
        if case .float(let x) = a, case .int(let y) = b { return compareIntFloat(y, x).map { cmp(op, 0, $0) } ?? false }
        if let x = num(a), let y = num(b) { return cmp(op, x, y) }
        if case .str(let x) = a, case .str(let y) = b {
            return cmp(op, x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1), 0)
        }
        if case .object(let x as PySet) = a, case .object(let y as PySet) = b {
            // Sets order by inclusion.
            let xInY = try x.elements.allSatisfy { try y.contains($0, self) }
            let yInX = try y.elements.allSatisfy { try x.contains($0, self) }
            switch op {
            case .lt: return xInY && x.count < y.count
            case .le: return xInY
            case .gt: return yInX && x.count > y.count
            case .ge: return yInX
            case .eq, .ne, .in, .notIn, .is, .isNot: break
            }
        }
        if case .object(let x) = a, case .object(let y) = b {
            let l: [Value]?, r: [Value]?
            switch (x, y) {
            case (let p as PyList, let q as PyList): l = p.items; r = q.items
            case (let p as PyTuple, let q as PyTuple): l = p.items; r = q.items
            default: l = nil; r = nil
            }
            if let l, let r {
                depth += 1
                defer { depth -= 1 }
                if depth > recursionLimit { throw makeError("RecursionError", "maximum recursion depth exceeded in comparison") }
                for (u, v) in zip(l, r) where try !valuesEqual(u, v) {
                    return try order(op, u, v)
                }
                return cmp(op, l.count, r.count)
            }
        }
        let names: [CompareOp: (String, String)] = [.lt: ("__lt__", "__gt__"), .le: ("__le__", "__ge__"),
                                                    .gt: ("__gt__", "__lt__"), .ge: ("__ge__", "__le__")]
        if let (fwd, rev) = names[op] {
            if case .object(let o as PyInstance) = a, let m = o.cls.lookup(fwd) {
                let r = try call(m, [a, b], [])
                if !isNotImplemented(r) { return try truthy(r) }
            }
            if case .object(let o as PyInstance) = b, let m = o.cls.lookup(rev) {
                let r = try call(m, [b, a], [])
                if !isNotImplemented(r) { return try truthy(r) }
            }
        }
        throw typeError("'\(op.rawValue)' not supported between instances of '\(typeName(a))' and '\(typeName(b))'")
    }

    private func cmp<T: Comparable>(_ op: CompareOp, _ x: T, _ y: T) -> Bool {
        switch op {
        case .lt: x < y
        case .le: x <= y
        case .gt: x > y
        case .ge: x >= y
        case .eq: x == y
        case .ne: x != y
        case .in, .notIn, .is, .isNot: false
        }
    }

    // MARK: - Truth

    func truthy(_ v: Value) throws -> Bool {
        switch v {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .str(let s): return !s.isEmpty
        case .tensor(let t): return try tensorTruthy(t)
        case .object(let o):
            switch o {
            case let l as PyList: return !l.items.isEmpty
            case let t as PyTuple: return !t.items.isEmpty
            case let d as PyDict: return d.count > 0
            case let s as PySet: return s.count > 0
            case let r as PyRange: return r.count > 0
            case let dv as PyDictView: return dv.dict.count > 0
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__bool__") {
                    let r = try call(m, [v], [])
                    guard case .bool(let b) = r else { throw typeError("__bool__ should return bool, returned \(typeName(r))") }
                    return b
                }
                if let m = inst.cls.lookup("__len__") { return try truthy(try call(m, [v], [])) }
                if let n = try nativeLength(inst) { return n > 0 }
                return true
            default: return true
            }
        }
    }

    // MARK: - Containers

    func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .str(let s):
            guard case .str(let sub) = item else {
                throw typeError("'in <string>' requires string as left operand, not \(typeName(item))")
            }
            return sub.isEmpty || s.contains(sub)
        case .tensor(let t): return try tensorContains(t, item)
        case .object(let o):
            switch o {
            case let l as PyList: return try l.items.contains { try identical($0, item) || truthy(try richEquals($0, item)) }
            case let t as PyTuple: return try t.items.contains { try identical($0, item) || truthy(try richEquals($0, item)) }
            case let d as PyDict: return try d.get(item, self) != nil
            case let dv as PyDictView where dv.kind == .keys: return try dv.dict.get(item, self) != nil
            case let s as PySet: return try s.contains(item, self)
            case let r as PyRange:
                guard case .int(let i) = item else { return false }
                // Distances in UInt: exact for any bounds.
                if r.step > 0 { return i >= r.start && i < r.stop && UInt(bitPattern: i &- r.start) % UInt(r.step) == 0 }
                return i <= r.start && i > r.stop && UInt(bitPattern: r.start &- i) % r.step.magnitude == 0
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__contains__") { return try truthy(try call(m, [container, item], [])) }
            default: break
            }
        default: break
        }
        let it = try iterate(container)
        while let x = try it.next(self) {
            if try truthy(try richEquals(x, item)) { return true }
        }
        return false
    }

    /// Normalises a Python index against a length (negative counts from the end).
    func normalizeIndex(_ i: Int, count: Int, what: String) throws -> Int {
        let j = i < 0 ? i + count : i
        guard j >= 0 && j < count else { throw indexError("\(what) index out of range") }
        return j
    }

    func intIndex(_ v: Value) throws -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .tensor(let t): return try tensorAsIndex(t)
        case .object(let o as PyInstance):
            if let m = o.cls.lookup("__index__"), case .int(let i) = try call(m, [v], []) { return i }
            return nil
        default: return nil
        }
    }

    /// Python's slice.indices(): start, stop, step, count.
    func sliceIndices(_ s: PySlice, count n: Int) throws -> (Int, Int, Int, Int) {
        func part(_ v: Value) throws -> Int? {
            if v.isNone { return nil }
            guard let i = try intIndex(v) else {
                throw typeError("slice indices must be integers or None or have an __index__ method")
            }
            return i
        }
        var step = try part(s.step) ?? 1
        if step == 0 { throw valueError("slice step cannot be zero") }
        if step == Int.min { step = -Int.max }  // as CPython clamps it
        var start: Int, stop: Int
        if step > 0 {
            start = try part(s.start).map { $0 < 0 ? max(0, $0 + n) : min($0, n) } ?? 0
            stop = try part(s.stop).map { $0 < 0 ? max(0, $0 + n) : min($0, n) } ?? n
            let c = start < stop ? (stop - start - 1) / step + 1 : 0
            return (start, stop, step, c)
        }
        start = try part(s.start).map { $0 < 0 ? max(-1, $0 + n) : min($0, n - 1) } ?? (n - 1)
        stop = try part(s.stop).map { $0 < 0 ? max(-1, $0 + n) : min($0, n - 1) } ?? -1
        let c = start > stop ? (start - stop - 1) / (-step) + 1 : 0
        return (start, stop, step, c)
    }

    func sliceArray(_ items: [Value], _ s: PySlice) throws -> [Value] {
        let (start, _, step, c) = try sliceIndices(s, count: items.count)
        var out: [Value] = []
        out.reserveCapacity(c)
        var i = start
        for _ in 0..<c {
            out.append(items[i])
            i &+= step  // may pass Int.max after the last item; never used then
        }
        return out
    }

    func getItem(_ container: Value, _ index: Value) throws -> Value {
        switch container {
        case .tensor(let t): return try tensorGetItem(t, index)
        case .str(let s):
            let scalars = Array(s.unicodeScalars)
            if case .object(let sl as PySlice) = index {
                let (start, _, step, c) = try sliceIndices(sl, count: scalars.count)
                var out = String.UnicodeScalarView()
                var i = start
                for _ in 0..<c {
                    out.append(scalars[i])
                    i &+= step  // may pass Int.max after the last item; never used then
                }
                return .str(String(out))
            }
            guard let i = try intIndex(index) else {
                throw typeError("string indices must be integers, not '\(typeName(index))'")
            }
            return .str(String(scalars[try normalizeIndex(i, count: scalars.count, what: "string")]))
        case .object(let o):
            switch o {
            case let l as PyList:
                if case .object(let sl as PySlice) = index { return .object(PyList(try sliceArray(l.items, sl))) }
                guard let i = try intIndex(index) else {
                    throw typeError("list indices must be integers or slices, not \(typeName(index))")
                }
                return l.items[try normalizeIndex(i, count: l.items.count, what: "list")]
            case let t as PyTuple:
                if case .object(let sl as PySlice) = index {
                    return .object(PyTuple(try sliceArray(t.items, sl), torchSize: t.isTorchSize))
                }
                guard let i = try intIndex(index) else {
                    throw typeError("tuple indices must be integers or slices, not \(typeName(index))")
                }
                return t.items[try normalizeIndex(i, count: t.items.count, what: "tuple")]
            case let d as PyDict:
                if let v = try d.get(index, self) { return v }
                throw keyError(index)
            case let r as PyRange:
                if case .object(let sl as PySlice) = index {
                    let (start, _, step, c) = try sliceIndices(sl, count: r.count)
                    let (newStep, o1) = step.multipliedReportingOverflow(by: r.step)
                    let (offset, o2) = start.multipliedReportingOverflow(by: r.step)
                    let (s0, o3) = r.start.addingReportingOverflow(offset)
                    let (length, o4) = c.multipliedReportingOverflow(by: newStep)
                    let (s1, o5) = s0.addingReportingOverflow(length)
                    if o1 || o2 || o3 || o4 || o5 { throw overflowError("range slice overflows 64 bits") }
                    return .object(PyRange(s0, s1, newStep))
                }
                guard let i = try intIndex(index) else { throw typeError("range indices must be integers or slices") }
                let k = try normalizeIndex(i, count: r.count, what: "range object")
                return .int(r.item(k))
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__getitem__") { return try call(m, [container, index], []) }
                if let v = try nativeGetItem(inst, index) { return v }
            case let cls as PyClass:
                // `list[int]`-style generic aliases: return the class itself.
                _ = cls
                return container
            default: break
            }
        default: break
        }
        throw typeError("'\(typeName(container))' object is not subscriptable")
    }

    func setItem(_ container: Value, _ index: Value, _ value: Value) throws {
        switch container {
        case .tensor(let t): try tensorSetItem(t, index, value)
            return
        case .object(let o):
            switch o {
            case let l as PyList:
                if case .object(let sl as PySlice) = index {
                    let newItems = try iterateAll(value)
                    let (start, stop, step, c) = try sliceIndices(sl, count: l.items.count)
                    if step == 1 {
                        l.items.replaceSubrange(start..<max(start, stop), with: newItems)
                    } else {
                        guard newItems.count == c else {
                            throw valueError("attempt to assign sequence of size \(newItems.count) to extended slice of size \(c)")
                        }
                        var i = start
                        for v in newItems {
                            l.items[i] = v
                            i &+= step  // may pass Int.max after the last item; never used then
                        }
                    }
                    return
                }
                guard let i = try intIndex(index) else {
                    throw typeError("list indices must be integers or slices, not \(typeName(index))")
                }
                l.items[try normalizeIndex(i, count: l.items.count, what: "list assignment")] = value
                return
            case let d as PyDict:
                try d.set(index, value, self)
                return
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__setitem__") {
                    _ = try call(m, [container, index, value], [])
                    return
                }
            default: break
            }
        default: break
        }
        throw typeError("'\(typeName(container))' object does not support item assignment")
    }

    func deleteItem(_ container: Value, _ index: Value) throws {
        if case .object(let o) = container {
            switch o {
            case let l as PyList:
                if case .object(let sl as PySlice) = index {
                    let (start, _, step, c) = try sliceIndices(sl, count: l.items.count)
                    var drop = Set<Int>()
                    var i = start
                    for _ in 0..<c {
                        drop.insert(i)
                        i &+= step  // may pass Int.max after the last item; never used then
                    }
                    l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map { $0.element }
                    return
                }
                guard let i = try intIndex(index) else { throw typeError("list indices must be integers or slices") }
                l.items.remove(at: try normalizeIndex(i, count: l.items.count, what: "list assignment"))
                return
            case let d as PyDict:
                if try d.remove(index, self) == nil { throw keyError(index) }
                return
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__delitem__") {
                    _ = try call(m, [container, index], [])
                    return
                }
            default: break
            }
        }
        throw typeError("'\(typeName(container))' object doesn't support item deletion")
    }

    // MARK: - Iteration

    func iterate(_ v: Value) throws -> PyIterator {
        switch v {
        case .str(let s):
            return ArrayIterator(s.unicodeScalars.map { .str(String($0)) }, name: "str_ascii_iterator")
        case .tensor(let t): return try tensorIterate(t)
        case .object(let o):
            switch o {
            case let it as PyIterator: return it
            case let l as PyList: return ListIterator(l)
            case let t as PyTuple: return ArrayIterator(t.items, name: "tuple_iterator")
            case let r as PyRange: return RangeIterator(r)
            case let d as PyDict:
                return SizeCheckedIterator(d.liveKeys, name: "dict_keyiterator", what: "dictionary") { d.count }
            case let s as PySet:
                return SizeCheckedIterator(s.elements, name: "set_iterator", what: "Set") { s.count }
            case let dv as PyDictView:
                return SizeCheckedIterator(dv.elements, name: dv.iteratorName, what: "dictionary") { dv.dict.count }
            case let inst as PyInstance:
                if let m = inst.cls.lookup("__iter__") {
                    let it = try call(m, [v], [])
                    if case .object(let io as PyIterator) = it { return io }
                    return ClosureIterator(name: "iterator") { interp in
                        do { return try interp.callMethod(it, "__next__", [], []) } catch let e as PyException where e.className == "StopIteration" {
                            return nil
                        }
                    }
                }
                if let m = inst.cls.lookup("__getitem__") {
                    var i = 0
                    return ClosureIterator(name: "iterator") { interp in
                        do {
                            defer { i += 1 }
                            return try interp.call(m, [v, .int(i)], [])
                        } catch let e as PyException where e.className == "IndexError" || e.className == "StopIteration" {
                            return nil
                        }
                    }
                }
                if let it = try nativeIterate(inst) { return it }
            default: break
            }
        default: break
        }
        throw typeError("'\(typeName(v))' object is not iterable")
    }

    func iterateAll(_ v: Value) throws -> [Value] {
        switch v {
        case .object(let l as PyList): return l.items
        case .object(let t as PyTuple): return t.items
        default: break
        }
        let it = try iterate(v)
        var out: [Value] = []
        while let x = try it.next(self) {
            out.append(x)
            if interruptRequest.load(ordering: .relaxed) != 0 { throw interruptError() }
        }
        return out
    }

    /// The values of an unpacking assignment's right side.
    func unpackSequence(_ v: Value) throws -> [Value] {
        switch v {
        case .object(let t as PyTuple): return t.items
        case .object(let l as PyList): return l.items
        default:
            do { return try iterateAll(v) } catch let e as PyException where e.className == "TypeError" {
                throw typeError("cannot unpack non-iterable \(typeName(v)) object")
            }
        }
    }

    /// (key, value) pairs of a mapping for `**` and `dict(...)`.
    func mappingPairs(_ v: Value) throws -> [(Value, Value)] {
        if case .object(let d as PyDict) = v { return d.pairs }
        if case .object(let inst as PyInstance) = v, inst.cls.lookup("keys") != nil {
            let keys = try iterateAll(try callMethod(v, "keys", [], []))
            return try keys.map { ($0, try getItem(v, $0)) }
        }
        throw typeError("'\(typeName(v))' object is not a mapping")
    }
}

/// Exact comparison of an int with a float: -1, 0 or 1 (nil when the float is NaN).
func compareIntFloat(_ i: Int, _ d: Double) -> Int? {
    if d.isNaN { return nil }
    let di = Double(i)
    if di < d { return -1 }
    if di > d { return 1 }
    // Equal after rounding i: d is integral; compare exactly as integers.
    if d >= 9.223372036854775808e18 { return -1 }
    let j = Int(d)
    return i < j ? -1 : (i > j ? 1 : 0)
}

func pyFloatMod(_ x: Double, _ y: Double) -> Double {
    var m = fmod(x, y)
    if m != 0 {
        if (y < 0) != (m < 0) { m += y }
    } else {
        m = y < 0 ? -0.0 : 0.0
    }
    return m
}

func pyFloatFloorDiv(_ x: Double, _ y: Double) -> Double {
    let m = fmod(x, y)
    var div = (x - m) / y
    if m != 0 && ((y < 0) != (m < 0)) { div -= 1 }
    if div == 0 { return x / y < 0 ? -0.0 : 0.0 }
    let floorDiv = div.rounded(.down)
    return div - floorDiv > 0.5 ? floorDiv + 1 : floorDiv
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
