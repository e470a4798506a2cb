import Tensors

/// What a native `mx.init` initializer does in `_init_weight`.
final class MXInitializer {
    enum Kind {
        /// `init.Initializer` itself: subclasses must override `_init_weight`.
        case base
        case uniform(scale: Double)
        case normal(sigma: Double)
        case xavier(gaussian: Bool, factor: String, magnitude: Double)
        case constant(Value)
        case zero
        case one
    }

    var kind: Kind
    init(_ kind: Kind) { self.kind = kind }
}

extension Interpreter {
    /// `mx.init` / `mx.initializer`.
    func fillMXInit(_ m: PyModule) {
        for name in ["Initializer", "Uniform", "Normal", "Xavier", "MSRAPrelu", "Constant", "Zero", "One"] {
            m.dict[name] = .object(mxInitializerClass(name))
        }
        m.dict["InitDesc"] = .object(builtinTypes["str"]!)
    }

    /// The class of a native initializer (`Initializer` is the base of the others).
    func mxInitializerClass(_ name: String) -> PyClass {
        let key = "mxnet.initializer.\(name)"
        if let c = builtinTypes[key] { return c }
        let isBase = name == "Initializer"
        let c = PyClass(name: name, bases: [isBase ? builtinTypes["object"]! : mxInitializerClass("Initializer")],
                        module: "mxnet.initializer")
        builtinTypes[key] = c
        let params: [String]
        switch name {
        case "Uniform": params = ["scale?"]
        case "Normal": params = ["sigma?"]
        case "Xavier": params = ["rnd_type?", "factor_type?", "magnitude?"]
        case "MSRAPrelu": params = ["factor_type?", "slope?"]
        case "Constant": params = ["value"]
        default: params = []
        }
        c.dict["__init__"] = .object(PyBuiltinFunction("__init__", qualified: "\(name).__init__") { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first else { return .none }
            let b = try i.bind(name, Arguments(Array(a.positional.dropFirst()), a.keywords), params, varkw: isBase)
            let kind: MXInitializer.Kind
            func double(_ key: String, _ def: Double) throws -> Double { try b.given(key).map { try i.toDouble($0) } ?? def }
            func text(_ key: String, _ def: String) throws -> String { try b.given(key).map { try i.toStr($0, key) } ?? def }
            switch name {
            case "Uniform": kind = .uniform(scale: try double("scale", MXNetGenerator.defaultUniformScale))
            case "Normal": kind = .normal(sigma: try double("sigma", 0.01))
            case "Xavier":
                let rnd = try text("rnd_type", "uniform")
                guard rnd == "uniform" || rnd == "gaussian" else { throw i.valueError("Unknown random type") }
                let factor = try text("factor_type", "avg")
                guard ["avg", "in", "out"].contains(factor) else { throw i.valueError("Incorrect factor type") }
                kind = .xavier(gaussian: rnd == "gaussian", factor: factor, magnitude: try double("magnitude", 3))
            case "MSRAPrelu":
                let slope = try double("slope", 0.25)
                kind = .xavier(gaussian: true, factor: try text("factor_type", "avg"), magnitude: 2 / (1 + slope * slope))
            case "Constant": kind = .constant(b[0]!)
            case "Zero": kind = .zero
            case "One": kind = .one
            default: kind = .base
            }
            // A user subclass calling `super().__init__()` keeps the state its own class set up.
            if !(isBase && inst.native is MXInitializer) { inst.native = MXInitializer(kind) }
            return .none
        })
        c.dict["_init_weight"] = .object(PyBuiltinFunction("_init_weight", qualified: "\(name)._init_weight") { i, a in
            let b = try i.bind("_init_weight", a, ["self", "name", "arr"])
            guard case .object(let inst as PyInstance) = b[0]!, case .tensor(let arr) = b[2]! else {
                throw i.typeError("_init_weight() expects (name, NDArray)")
            }
            try i.mxNativeInitWeight(inst, name: try i.str(b[1]!), arr)
            return .none
        })
        c.dict["dumps"] = .object(PyBuiltinFunction("dumps", qualified: "\(name).dumps") { _, _ in
            .str("[\"\(name.lowercased())\", {}]")
        })
        return c
    }

    /// An initializer instance of the named class.
    func mxMakeInitializer(_ className: String, _ args: [Value]) throws -> Value {
        try instantiate(mxInitializerClass(className), args, [])
    }

    /// `init.create(x)`: initializer instances pass through; names like `'zeros'` make one.
    func mxCreateInitializer(_ v: Value) throws -> PyInstance {
        switch v {
        case .object(let inst as PyInstance) where inst.cls.isSubclass(of: mxInitializerClass("Initializer")):
            return inst
        case .str(let s):
            let table = ["zeros": "Zero", "zero": "Zero", "ones": "One", "one": "One", "uniform": "Uniform",
                         "normal": "Normal", "xavier": "Xavier", "msraprelu": "MSRAPrelu"]
            guard let cls = table[s.lowercased()] else { throw valueError("Cannot find initializer '\(s)'") }
            guard case .object(let inst as PyInstance) = try mxMakeInitializer(cls, []) else {
                throw valueError("Cannot create initializer '\(s)'")
            }
            return inst
        default:
            throw typeError("initializer must be an mxnet.init.Initializer or a name, not \(typeName(v))")
        }
    }

    /// Fills `arr` with the initializer's `_init_weight` (a user override when the initializer's
    /// class defines one in Python).
    func mxApplyInitializer(_ v: Value, name: String, _ arr: Tensor) throws {
        let inst = try mxCreateInitializer(v)
        if let f = inst.cls.lookup("_init_weight"), case .object(let fn as PyFunction) = f {
            _ = try callFunction(fn, [.object(inst), .str(name), .tensor(arr)], [])
            return
        }
        try mxNativeInitWeight(inst, name: name, arr)
    }

    func mxNativeInitWeight(_ inst: PyInstance, name: String, _ arr: Tensor) throws {
        guard let st = inst.native as? MXInitializer else {
            throw notImplemented("Must override it")
        }
        switch st.kind {
        case .base:
            throw notImplemented("Must override it")
        case .uniform(let scale):
            try mxFillUniform(arr, low: -scale, high: scale)
        case .normal(let sigma):
            try mxFillNormal(arr, loc: 0, scale: sigma)
        case .xavier(let gaussian, let factorType, let magnitude):
            guard arr.rank >= 2 else {
                throw valueError("Xavier initializer cannot be applied to vector \(name). It requires at least 2D.")
            }
            let hw = arr.shape.dropFirst(2).reduce(1, *)
            let fanIn = Double(arr.shape[1] * hw), fanOut = Double(arr.shape[0] * hw)
            let factor: Double
            switch factorType {
            case "in": factor = fanIn
            case "out": factor = fanOut
            default: factor = (fanIn + fanOut) / 2
            }
            let scale = (magnitude / factor).squareRoot()
            if gaussian { try mxFillNormal(arr, loc: 0, scale: scale) } else { try mxFillUniform(arr, low: -scale, high: scale) }
        case .constant(let value):
            if case .tensor(let t) = value {
                _ = try arr.copy_(t)
            } else {
                _ = try arr.fill_(try scalarArgument(value))
            }
        case .zero:
            _ = try arr.zero_()
        case .one:
            _ = try arr.fill_(.double(1))
        }
    }
}
