import Tensors

/// Native state of an `nn.Module` instance: parameters, buffers and submodules in
/// registration order, and the training flag. Attribute assignment registers into these
/// registries exactly as `torch.nn.Module.__setattr__` does.
final class ModuleState: NativeInstanceState {
    var parameters: [(String, Tensor?)] = []
    var buffers: [(String, Tensor?)] = []
    var modules: [(String, PyInstance?)] = []
    var training = true
    /// `extra_repr` of native layers (user classes define `extra_repr` as a method).
    var extraRepr: ((Interpreter) throws -> String)?
    /// The forward of native layers.
    var forward: ((Interpreter, PyInstance, Arguments) throws -> Value)?

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        if let p = parameters.first(where: { $0.0 == name }) { return p.1.map { .tensor($0) } ?? Value.none }
        if let b = buffers.first(where: { $0.0 == name }) { return b.1.map { .tensor($0) } ?? Value.none }
        if let m = modules.first(where: { $0.0 == name }) { return m.1.map { .object($0) } ?? Value.none }
        if name == "training" { return .bool(training) }
        return nil
    }

    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool {
        switch value {
        case .tensor(let t) where t.isParameter:
            remove(name)
            parameters.append((name, t))
            return true
        case .object(let m as PyInstance) where m.native is ModuleState:
            remove(name)
            modules.append((name, m))
            return true
        default:
            if let i = parameters.firstIndex(where: { $0.0 == name }) {
                if value.isNone {
                    parameters[i].1 = nil
                    return true
                }
                throw interp.typeError("cannot assign '\(interp.typeName(value))' as parameter '\(name)' (torch.nn.Parameter or None expected)")
            }
            if let i = buffers.firstIndex(where: { $0.0 == name }) {
                if case .tensor(let t) = value {
                    buffers[i].1 = t
                    return true
                }
                if value.isNone {
                    buffers[i].1 = nil
                    return true
                }
            }
            if let i = modules.firstIndex(where: { $0.0 == name }) {
                if value.isNone {
                    modules[i].1 = nil
                    return true
                }
                throw interp.typeError("cannot assign '\(interp.typeName(value))' as child module '\(name)' (torch.nn.Module or None expected)")
            }
            if name == "training" {
                training = try interp.truthy(value)
                return true
            }
            return false
        }
    }

    func deleteAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Bool {
        let before = parameters.count + buffers.count + modules.count
        remove(name)
        return parameters.count + buffers.count + modules.count != before
    }

    func remove(_ name: String) {
        parameters.removeAll { $0.0 == name }
        buffers.removeAll { $0.0 == name }
        modules.removeAll { $0.0 == name }
    }

    func length(_ inst: PyInstance, _ interp: Interpreter) throws -> Int? {
        isContainer(inst) ? modules.count : nil
    }

    func getItem(_ inst: PyInstance, _ index: Value, _ interp: Interpreter) throws -> Value? {
        guard isContainer(inst) else { return nil }
        if case .object(let s as PySlice) = index {
            let (start, _, step, c) = try interp.sliceIndices(s, count: modules.count)
            let out = PyInstance(cls: inst.cls)
            let st = ModuleState()
            var k = start
            for _ in 0..<c {
                st.modules.append((String(st.modules.count), modules[k].1))
                k += step
            }
            out.native = st
            return .object(out)
        }
        guard let i = try interp.intIndex(index) else {
            throw interp.typeError("\(inst.cls.name) indices must be integers or slices, not \(interp.typeName(index))")
        }
        let j = i < 0 ? i + modules.count : i
        guard j >= 0 && j < modules.count else { throw interp.indexError("index \(i) is out of range") }
        return modules[j].1.map { .object($0) } ?? Value.none
    }

    func iterate(_ inst: PyInstance, _ interp: Interpreter) throws -> PyIterator? {
        guard isContainer(inst) else { return nil }
        return ArrayIterator(modules.compactMap { $0.1.map { .object($0) } }, name: "iterator")
    }

    func attributeNames() -> [String] {
        parameters.map { $0.0 } + buffers.map { $0.0 } + modules.map { $0.0 }
    }

    private func isContainer(_ inst: PyInstance) -> Bool {
        inst.cls.mro.contains { $0.name == "Sequential" || $0.name == "ModuleList" }
    }
}

extension Interpreter {
    func moduleState(_ v: Value) -> ModuleState? {
        if case .object(let inst as PyInstance) = v { return inst.native as? ModuleState }
        return nil
    }

    /// All parameters of a module tree, depth first, each once (`parameters()`).
    func namedParameters(_ inst: PyInstance, prefix: String = "", seen: inout Set<ObjectIdentifier>) -> [(String, Tensor)] {
        guard let st = inst.native as? ModuleState else { return [] }
        var out: [(String, Tensor)] = []
        for (n, p) in st.parameters {
            guard let p, seen.insert(ObjectIdentifier(p)).inserted else { continue }
            out.append((prefix + n, p))
        }
        for (n, m) in st.modules {
            guard let m else { continue }
            out += namedParameters(m, prefix: prefix + n + ".", seen: &seen)
        }
        return out
    }

    func namedModules(_ inst: PyInstance, prefix: String = "", seen: inout Set<ObjectIdentifier>) -> [(String, PyInstance)] {
        guard seen.insert(ObjectIdentifier(inst)).inserted else { return [] }
        var out: [(String, PyInstance)] = [(prefix, inst)]
        if let st = inst.native as? ModuleState {
            for (n, m) in st.modules {
                guard let m else { continue }
                out += namedModules(m, prefix: prefix.isEmpty ? n : prefix + "." + n, seen: &seen)
            }
        }
        return out
    }

    /// PyTorch's module repr: extra_repr lines, then children indented by two spaces.
    func moduleRepr(_ inst: PyInstance) throws -> String {
        let st = inst.native as? ModuleState
        var extra = ""
        if let m = inst.cls.lookup("extra_repr"), !isNativeDefault(m) {
            extra = try toStr(try call(m, [.object(inst)], []), "extra_repr")
        } else if let e = st?.extraRepr {
            extra = try e(self)
        }
        var lines = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let children = st?.modules ?? []
        for (name, child) in children {
            let s = try child.map { try repr(.object($0)) } ?? "None"
            let parts = s.split(separator: "\n", omittingEmptySubsequences: false)
            var indented = String(parts[0])
            for p in parts.dropFirst() { indented += "\n" + (p.isEmpty ? "" : "  " + p) }
            lines.append("(\(name)): " + indented)
        }
        let head = inst.cls.name
        if lines.isEmpty { return head + "()" }
        if children.isEmpty && lines.count == 1 { return head + "(" + extra + ")" }
        return head + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    private func isNativeDefault(_ v: Value) -> Bool {
        if case .object(let f as PyBuiltinFunction) = v { return f.name == "extra_repr" }
        return false
    }
}
