import Tensors

/// The MXNet Gluon dialect (`mxnet.nd`, `mxnet.autograd`, `mxnet.gluon`, `mxnet.init`).
///
/// An NDArray is a `Tensor` whose flavor is `.ndarray`. MXNet's autograd differs from PyTorch's in
/// two ways that matter to user code, and both are mapped onto the shared tensor engine here:
/// * only operations inside `autograd.record()` build history. Arrays marked with `attach_grad()`
///   are kept in the session's registry and require grad only while recording, so outside
///   `record()` they are plain leaves (in-place updates like `w[:] -= lr * w.grad` just work);
/// * `grad_req='write'`: a backward pass replaces the gradient instead of adding to it.
extension Interpreter {
    /// Where the session keeps its MXNet state (a key no `import` statement can spell).
    static let mxnetSessionKey = "<mxnet session>"

    /// The session's MXNet state, created on first use: a fresh session starts like a fresh
    /// MXNet process (generator bank in its seed-0 state, name counters at zero).
    var mxnet: MXNetSession {
        if case .object(let s as MXNetSession)? = modules[Self.mxnetSessionKey] { return s }
        let s = MXNetSession()
        modules[Self.mxnetSessionKey] = .object(s)
        return s
    }

    func makeMXNetModule(_ name: String) -> Value? {
        switch name {
        case "mxnet": return .object(PyModule(name: name) { [unowned self] m in self.fillMXNetTop(m) })
        case "mxnet.ndarray": return .object(PyModule(name: name) { [unowned self] m in self.fillND(m) })
        case "mxnet.nd": return try? importModule("mxnet.ndarray")
        case "mxnet.ndarray.random", "mxnet.random":
            return .object(PyModule(name: name) { [unowned self] m in self.fillMXRandom(m) })
        case "mxnet.nd.random": return try? importModule("mxnet.ndarray.random")
        case "mxnet.autograd": return .object(PyModule(name: name) { [unowned self] m in self.fillMXAutograd(m) })
        case "mxnet.initializer": return .object(PyModule(name: name) { [unowned self] m in self.fillMXInit(m) })
        case "mxnet.init": return try? importModule("mxnet.initializer")
        case "mxnet.gluon": return .object(PyModule(name: name) { [unowned self] m in self.fillGluon(m) })
        case "mxnet.gluon.nn": return .object(PyModule(name: name) { [unowned self] m in self.fillGluonNN(m) })
        case "mxnet.gluon.loss": return .object(PyModule(name: name) { [unowned self] m in self.fillGluonLoss(m) })
        case "mxnet.gluon.parameter": return .object(PyModule(name: name) { [unowned self] m in
            m.dict["Parameter"] = .object(self.mxParameterClass)
            m.dict["ParameterDict"] = .object(self.mxParameterDictClass)
            m.dict["DeferredInitializationError"] = .object(self.mxDeferredInitErrorClass)
        })
        case "mxnet.context": return .object(PyModule(name: name) { [unowned self] m in self.fillMXContext(m) })
        case "mxnet.base": return .object(PyModule(name: name) { [unowned self] m in
            m.dict["MXNetError"] = .object(self.mxnetErrorClass)
        })
        default: return nil
        }
    }

    private func fillMXNetTop(_ m: PyModule) {
        m.dict["__version__"] = .str("1.9.1")
        for (attr, module) in [("nd", "mxnet.ndarray"), ("ndarray", "mxnet.ndarray"), ("autograd", "mxnet.autograd"),
                               ("gluon", "mxnet.gluon"), ("init", "mxnet.initializer"), ("initializer", "mxnet.initializer"),
                               ("random", "mxnet.random"), ("context", "mxnet.context"), ("base", "mxnet.base")] {
            m.dict[attr] = (try? importModule(module)) ?? Value.none
        }
        fillMXContext(m)
        m.dict["MXNetError"] = .object(mxnetErrorClass)
    }

    /// `mx.cpu()`, `mx.gpu()`, `mx.context.num_gpus()`: cnb computes on the CPU only.
    private func fillMXContext(_ m: PyModule) {
        m.def("cpu", signature: "cpu(device_id=0)") { _, _ in .object(MXContextObject()) }
        m.def("cpu_pinned") { _, _ in .object(MXContextObject()) }
        m.def("current_context") { _, _ in .object(MXContextObject()) }
        m.def("num_gpus") { _, _ in .int(0) }
        m.def("gpu", signature: "gpu(device_id=0)") { i, _ in
            throw i.mxnetError("GPU is not enabled: cnb computes on the CPU only; use mx.cpu()")
        }
    }

    // MARK: - Errors

    /// `mxnet.base.MXNetError` (a RuntimeError subclass, as in MXNet).
    var mxnetErrorClass: PyClass {
        if let c = builtinExceptionClasses["MXNetError"] { return c }
        let base = builtinExceptionClasses["RuntimeError"] ?? builtinExceptionClasses["Exception"]!
        let c = PyClass(name: "MXNetError", bases: [base], module: "mxnet.base")
        builtinExceptionClasses["MXNetError"] = c
        return c
    }

    /// `mxnet.gluon.parameter.DeferredInitializationError`.
    var mxDeferredInitErrorClass: PyClass {
        if let c = builtinExceptionClasses["DeferredInitializationError"] { return c }
        let c = PyClass(name: "DeferredInitializationError", bases: [mxnetErrorClass], module: "mxnet.gluon.parameter")
        builtinExceptionClasses["DeferredInitializationError"] = c
        return c
    }

    func mxnetError(_ message: String) -> PyException {
        _ = mxnetErrorClass
        return makeError("MXNetError", message)
    }

    // MARK: - Autograd entry points (called by the shared tensor methods)

    /// MXNet's `backward()`: a non-scalar head gets an implicit gradient of ones, and arrays with
    /// `grad_req='write'` get their gradient replaced (in the same grad array) rather than summed.
    func mxnetBackward(_ t: Tensor, gradient: Tensor?) throws {
        guard t.requiresGrad else {
            throw mxnetError("Cannot differentiate node because it is not in a computational graph. You need to set "
                + "is_recording to true or use autograd.record() to save computational graphs for backward. If you "
                + "want to differentiate the same graph twice, you need to pass retain_graph=True to backward.")
        }
        let g = try gradient ?? Tensor.ones(t.shape, dtype: t.dtype)
        try mxnet.backward(t, seed: g)
    }

    /// `x.attach_grad()`: x gets a zero gradient array and records gradients from now on
    /// (while `autograd.record()` is active).
    func mxnetAttachGrad(_ t: Tensor) throws {
        try mxnet.attach(t, req: .write)
    }

    /// Marks a new NDArray.
    func ndarray(_ t: Tensor) -> Value {
        t.flavor = .ndarray
        return .tensor(t)
    }

    // MARK: - mxnet.autograd

    private func fillMXAutograd(_ m: PyModule) {
        m.def("record", signature: "record(train_mode=True)") { i, a in
            let b = try i.bind("record", a, ["train_mode?"])
            return .object(MXRecordContext(recording: true, training: try b.given("train_mode").map { try i.truthy($0) } ?? true))
        }
        m.def("pause", signature: "pause(train_mode=False)") { i, a in
            let b = try i.bind("pause", a, ["train_mode?"])
            return .object(MXRecordContext(recording: false, training: try b.given("train_mode").map { try i.truthy($0) } ?? false))
        }
        m.def("train_mode") { i, _ in .object(MXRecordContext(recording: nil, training: true)) }
        m.def("predict_mode") { i, _ in .object(MXRecordContext(recording: nil, training: false)) }
        m.def("is_recording") { i, _ in .bool(i.mxnet.isRecording) }
        m.def("is_training") { i, _ in .bool(i.mxnet.isTraining) }
        m.def("set_recording", signature: "set_recording(is_recording)") { i, a in
            let on = try i.truthy(try i.bind("set_recording", a, ["is_recording"])[0]!)
            let previous = i.mxnet.isRecording
            i.mxnet.setRecording(on)
            GradMode.isEnabled = on
            return .bool(previous)
        }
        m.def("set_training", signature: "set_training(train_mode)") { i, a in
            let on = try i.truthy(try i.bind("set_training", a, ["train_mode"])[0]!)
            let previous = i.mxnet.isTraining
            i.mxnet.isTraining = on
            return .bool(previous)
        }
        m.def("mark_variables", signature: "mark_variables(variables, gradients, grad_reqs='write')") { i, a in
            let b = try i.bind("mark_variables", a, ["variables", "gradients", "grad_reqs?"])
            let vars = try i.mxArrayList(b[0]!, "mark_variables")
            let grads = try i.mxArrayList(b[1]!, "mark_variables")
            guard vars.count == grads.count else { throw i.valueError("variables and gradients must have the same length") }
            let req = try b.given("grad_reqs").map { try GradReq.parse(try i.toStr($0), i) } ?? .write
            for (v, g) in zip(vars, grads) {
                try i.mxnet.attach(v, req: req)
                g.flavor = .ndarray
                v.grad = g
            }
            return .none
        }
        m.def("backward", signature: "backward(heads, head_grads=None, retain_graph=False, train_mode=True)") { i, a in
            let b = try i.bind("backward", a, ["heads", "head_grads?", "retain_graph?", "train_mode?"])
            let heads = try i.mxArrayList(b[0]!, "backward")
            let grads = try b.given("head_grads").map { try i.mxArrayList($0, "backward") }
            for (k, h) in heads.enumerated() {
                try i.mxnetBackward(h, gradient: grads.flatMap { k < $0.count ? $0[k] : nil })
            }
            return .none
        }
    }

    /// One NDArray or a list/tuple of them.
    func mxArrayList(_ v: Value, _ fname: String) throws -> [Tensor] {
        if case .tensor(let t) = v { return [t] }
        return try iterateAll(v).map { x in
            guard case .tensor(let t) = x else { throw typeError("\(fname)() expects NDArrays, got \(typeName(x))") }
            return t
        }
    }
}

/// `grad_req` of an array or Parameter.
enum GradReq: Sendable {
    /// Each backward replaces the gradient.
    case write
    /// Each backward adds to the gradient.
    case add
    /// No gradient.
    case null

    var text: String {
        switch self {
        case .write: "write"
        case .add: "add"
        case .null: "null"
        }
    }

    static func parse(_ s: String, _ interp: Interpreter) throws -> GradReq {
        switch s {
        case "write": return .write
        case "add": return .add
        case "null": return .null
        default: throw interp.valueError("grad_req must be one of 'write', 'add', or 'null', but got '\(s)'")
        }
    }
}

/// Per-session MXNet state: the random generator bank, the recording flags, the arrays marked
/// for gradients and Gluon's name counters.
final class MXNetSession: PyObject {
    /// MXNet's generator bank; a new session starts in the fresh-process state (rng.md §3.1).
    let generator = MXNetGenerator()
    private(set) var isRecording = false
    var isTraining = false
    /// Gluon's global name counters (`conv0_`, `conv1_`, `dense0_`...), per alias.
    var nameCounters: [String: Int] = [:]
    /// Blocks whose `name_scope()` is active, innermost last.
    var scopes: [BlockState] = []

    private struct Attached {
        weak var tensor: Tensor?
        var req: GradReq
    }
    private var attached: [ObjectIdentifier: Attached] = [:]
    /// Dead entries are dropped when the registry grows past this size (amortised O(1) per attach).
    private var pruneAt = 64

    override var typeName: String { "mxnet_session" }

    /// Marks `t` as a variable with gradient array zeros (`attach_grad`, Parameter arrays).
    func attach(_ t: Tensor, req: GradReq) throws {
        if attached.count > pruneAt {
            attached = attached.filter { $0.value.tensor != nil }
            pruneAt = Swift.max(64, attached.count * 2)
        }
        if req == .null {
            attached[ObjectIdentifier(t)] = nil
            t.grad = nil
            if t.isLeaf { _ = try? t.requiresGrad_(false) }
            return
        }
        let g = try Tensor.zeros(t.shape, dtype: t.dtype)
        g.flavor = .ndarray
        t.grad = g
        attached[ObjectIdentifier(t)] = Attached(tensor: t, req: req)
        if t.isLeaf { _ = try? t.requiresGrad_(isRecording) }
    }

    /// Turns recording on or off: attached arrays require grad exactly while recording.
    func setRecording(_ on: Bool) {
        guard on != isRecording else { return }
        isRecording = on
        for entry in attached.values {
            guard let t = entry.tensor, t.isLeaf else { continue }
            _ = try? t.requiresGrad_(on)
        }
    }

    /// Runs backward from `head`; `write` arrays reached by it get the new gradient copied into
    /// their existing grad array (so `g = x.grad` keeps seeing the latest gradient).
    func backward(_ head: Tensor, seed: Tensor) throws {
        var writes: [(Tensor, Tensor?)] = []
        for entry in attached.values where entry.req == .write {
            guard let t = entry.tensor else { continue }
            writes.append((t, t.grad))
            t.grad = nil
        }
        do {
            try head.backward(gradient: seed, retainGraph: false)
        } catch {
            for (t, old) in writes where t.grad == nil { t.grad = old }
            throw error
        }
        for (t, old) in writes {
            guard let new = t.grad else {
                t.grad = old
                continue
            }
            if let old, old.shape == new.shape, old.dtype == new.dtype {
                try GradMode.withDisabled { _ = try old.copy_(new) }
                t.grad = old
            } else {
                new.flavor = .ndarray
            }
        }
    }
}

/// `autograd.record()`, `autograd.pause()`, `train_mode()`, `predict_mode()` as `with` blocks.
/// Entering sets the recording/training flags (and grad mode, so recorded operations build
/// history and paused ones do not); leaving restores what was there before.
final class MXRecordContext: PyObject {
    let recording: Bool?
    let training: Bool
    private var saved: [(recording: Bool, training: Bool, gradMode: Bool)] = []

    init(recording: Bool?, training: Bool) {
        self.recording = recording
        self.training = training
    }

    override var typeName: String { recording == nil ? "_TrainingStateScope" : "_RecordingStateScope" }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "__enter__":
            return .object(PyBuiltinFunction("__enter__") { [self] i, _ in
                let s = i.mxnet
                saved.append((s.isRecording, s.isTraining, GradMode.isEnabled))
                if let recording {
                    s.setRecording(recording)
                    GradMode.isEnabled = recording
                }
                s.isTraining = training
                return .none
            })
        case "__exit__":
            return .object(PyBuiltinFunction("__exit__") { [self] i, _ in
                guard let last = saved.popLast() else { return .bool(false) }
                let s = i.mxnet
                s.setRecording(last.recording)
                s.isTraining = last.training
                GradMode.isEnabled = last.gradMode
                return .bool(false)
            })
        default: return nil
        }
    }
}

extension Interpreter {
    /// Gluon's error for a parameter whose deferred initialisation has not happened yet.
    func mxDeferredInitError(_ message: String) -> PyException {
        _ = mxDeferredInitErrorClass
        return makeError("DeferredInitializationError", message)
    }
}
