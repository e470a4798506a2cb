#if canImport(Pictures)
import Pictures

/// The Python classes of pyplot objects: Figure, Axes, Line2D, AxesImage, Legend,
/// Colorbar, the axis objects of `get_xaxis()`, and the object array `subplots` returns.
final class PlotClasses {
    let figure: PyClass
    let axes: PyClass
    let line: PyClass
    let image: PyClass
    let legend: PyClass
    let colorbar: PyClass
    let axis: PyClass
    let array: PyClass

    init(_ interp: Interpreter) {
        let object = interp.builtinTypes["object"].map { [$0] } ?? []
        figure = PyClass(name: "Figure", bases: object, module: "matplotlib.figure")
        axes = PyClass(name: "Axes", bases: object, module: "matplotlib.axes")
        line = PyClass(name: "Line2D", bases: object, module: "matplotlib.lines")
        image = PyClass(name: "AxesImage", bases: object, module: "matplotlib.image")
        legend = PyClass(name: "Legend", bases: object, module: "matplotlib.legend")
        colorbar = PyClass(name: "Colorbar", bases: object, module: "matplotlib.colorbar")
        axis = PyClass(name: "Axis", bases: object, module: "matplotlib.axis")
        array = PyClass(name: "ndarray", bases: object, module: "numpy")
        for c in [figure, axes, line, image, legend, colorbar, axis, array] {
            c.nativeConstructor = { i, cls, _ in throw i.typeError("cannot create '\(cls.moduleName).\(cls.name)' instances directly in cnb") }
        }
        fillAxes(interp)
        fillFigure(interp)
        fillArray()
        line.dict["get_label"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let s = inst.native as? LineRef else { return .none }
            return .str(s.axes.model.lines.indices.contains(s.index) ? s.axes.model.lines[s.index].label ?? "" : "")
        }
        line.dict["set_label"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let s = inst.native as? LineRef, a.positional.count == 2 else { return .none }
            if s.axes.model.lines.indices.contains(s.index) { s.axes.model.lines[s.index].label = try i.str(a.positional[1]) }
            return .none
        }
        axis.dict["set_visible"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let s = inst.native as? AxisRef, a.positional.count == 2 else { return .none }
            if !(try i.truthy(a.positional[1])) {
                if s.isX {
                    s.axes.model.xticks = []
                    s.axes.model.xlabel = ""
                } else {
                    s.axes.model.yticks = []
                    s.axes.model.ylabel = ""
                }
            } else if s.isX {
                s.axes.model.xticks = nil
            } else {
                s.axes.model.yticks = nil
            }
            return .none
        }
        axis.dict["set_ticks"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let s = inst.native as? AxisRef, a.positional.count >= 2 else { return .none }
            let t = try i.plotVector(a.positional[1])
            if s.isX { s.axes.model.xticks = t } else { s.axes.model.yticks = t }
            return .none
        }
    }

    func method(_ body: @escaping (Interpreter, Arguments) throws -> Value) -> Value {
        .object(PyBuiltinFunction("method", body))
    }

    // MARK: - Axes

    private func fillAxes(_ interp: Interpreter) {
        for (name, op) in AxesOps.table {
            axes.dict[name] = .object(PyBuiltinFunction(name, qualified: "Axes.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let ax = inst.native as? PlotAxes else {
                    throw i.typeError("descriptor '\(name)' requires an 'Axes' object")
                }
                return try op(i, ax, Arguments(Array(a.positional.dropFirst()), a.keywords))
            })
        }
        axes.dict["__repr__"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let ax = inst.native as? PlotAxes else { return .str("<Axes: >") }
            var parts: [String] = []
            if !ax.model.title.isEmpty { parts.append("title={'center': \(try i.repr(.str(ax.model.title)))}") }
            if !ax.model.xlabel.isEmpty { parts.append("xlabel=\(try i.repr(.str(ax.model.xlabel)))") }
            if !ax.model.ylabel.isEmpty { parts.append("ylabel=\(try i.repr(.str(ax.model.ylabel)))") }
            return .str("<Axes: \(parts.joined(separator: ", "))>")
        }
    }

    // MARK: - Figure

    private func fillFigure(_ interp: Interpreter) {
        func def(_ name: String, _ body: @escaping (Interpreter, PlotFigure, Arguments) throws -> Value) {
            figure.dict[name] = .object(PyBuiltinFunction(name, qualified: "Figure.\(name)") { i, a in
                guard case .object(let inst as PyInstance)? = a.positional.first, let f = inst.native as? PlotFigure else {
                    throw i.typeError("descriptor '\(name)' requires a 'Figure' object")
                }
                return try body(i, f, Arguments(Array(a.positional.dropFirst()), a.keywords))
            })
        }
        figure.dict["__repr__"] = method { i, a in
            guard case .object(let inst as PyInstance)? = a.positional.first, let f = inst.native as? PlotFigure else { return .str("<Figure>") }
            let (w, h) = f.pixelSize
            return .str("<Figure size \(w)x\(h) with \(f.axes.count) Axes>")
        }
        def("add_subplot") { i, f, a in
            let (r, c, k) = try i.subplotSpec(a, "add_subplot")
            return i.axesObject(i.addAxes(f, row: k / c, column: k % c, rows: r, columns: c))
        }
        def("subplots") { i, f, a in
            let b = try i.bind("subplots", a, ["nrows?", "ncols?", "*", "sharex?", "sharey?", "squeeze?"], varkw: true)
            return try i.subplotsArray(f, b)
        }
        def("gca") { i, f, _ in
            i.axesObject(f.current ?? i.addAxes(f, row: 0, column: 0, rows: 1, columns: 1))
        }
        def("colorbar") { i, f, a in try i.addColorbar(f, a) }
        def("suptitle") { i, f, a in
            let b = try i.bind("suptitle", a, ["t"], varkw: true)
            f.suptitle = try i.str(b[0]!)
            return .none
        }
        def("savefig") { i, _, _ in throw i.sandboxError("savefig") }
        def("tight_layout") { _, _, _ in .none }
        def("show") { _, _, _ in .none }
        def("clf") { _, f, _ in
            f.axes = []
            f.current = nil
            f.colorbar = nil
            f.suptitle = ""
            return .none
        }
        def("set_size_inches") { i, f, a in
            let b = try i.bind("set_size_inches", a, ["w", "h?"], varkw: true)
            if let h = b.given("h") {
                f.width = try i.toDouble(b[0]!)
                f.height = try i.toDouble(h)
            } else {
                let p = try i.iterateAll(b[0]!).map { try i.toDouble($0) }
                guard p.count == 2 else { throw i.valueError("set_size_inches needs (w, h)") }
                (f.width, f.height) = (p[0], p[1])
            }
            return .none
        }
        def("get_axes") { i, f, _ in .object(PyList(f.axes.map { i.axesObject($0) })) }
    }

    // MARK: - Object arrays

    private func fillArray() {
        array.makeNativeState = nil
        func items(_ a: Arguments) -> AxesArray? {
            guard case .object(let inst as PyInstance)? = a.positional.first else { return nil }
            return inst.native as? AxesArray
        }
        let cls = array
        array.dict["flatten"] = method { _, a in
            let flat = items(a)?.flat ?? []
            return .object(AxesArray(flat, shape: [flat.count], cls: cls).instance())
        }
        array.dict["ravel"] = array.dict["flatten"]
        array.dict["__repr__"] = method { i, a in
            guard let arr = items(a) else { return .str("array([], dtype=object)") }
            return .str("array(\(try arr.nestedRepr(i)), dtype=object)")
        }
    }
}

/// A Line2D's link back to its series.
final class LineRef {
    let axes: PlotAxes
    let index: Int
    init(axes: PlotAxes, index: Int) {
        self.axes = axes
        self.index = index
    }
}

/// `ax.get_xaxis()` / `ax.xaxis`.
final class AxisRef {
    let axes: PlotAxes
    let isX: Bool
    init(axes: PlotAxes, isX: Bool) {
        self.axes = axes
        self.isX = isX
    }
}

/// The numpy object array of axes `subplots` returns: 1-D or 2-D, indexable with
/// `[i]`, `[i, j]`, iterable by rows, with `flatten()`, `shape`, `flat`.
final class AxesArray: NativeInstanceState {
    let flat: [Value]
    let shape: [Int]
    let cls: PyClass

    init(_ flat: [Value], shape: [Int], cls: PyClass) {
        self.flat = flat
        self.shape = shape
        self.cls = cls
    }

    func row(_ r: Int) -> Value {
        guard shape.count == 2 else { return flat[r] }
        return .object(AxesArray(Array(flat[(r * shape[1])..<((r + 1) * shape[1])]), shape: [shape[1]], cls: cls).instance())
    }

    func instance() -> PyInstance {
        let i = PyInstance(cls: cls)
        i.native = self
        return i
    }

    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "shape": .object(PyTuple(shape.map { .int($0) }))
        case "ndim": .int(shape.count)
        case "size": .int(flat.count)
        case "flat": .object(ArrayIterator(flat, name: "numpy.flatiter"))
        default: nil
        }
    }
    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool { false }
    func length(_ inst: PyInstance, _ interp: Interpreter) throws -> Int? { shape.first ?? 0 }
    func getItem(_ inst: PyInstance, _ index: Value, _ interp: Interpreter) throws -> Value? {
        if case .object(let t as PyTuple) = index {
            guard t.items.count == shape.count, shape.count == 2 else {
                throw interp.indexError("too many indices for array: array is \(shape.count)-dimensional, but \(t.items.count) were indexed")
            }
            let r = try bounded(try interp.toInt(t.items[0]), axis: 0, interp)
            let c = try bounded(try interp.toInt(t.items[1]), axis: 1, interp)
            return flat[r * shape[1] + c]
        }
        guard let k = try interp.intIndex(index) else { throw interp.indexError("only integers and tuples of integers are valid indices for this array") }
        return row(try bounded(k, axis: 0, interp))
    }

    private func bounded(_ k: Int, axis: Int, _ interp: Interpreter) throws -> Int {
        let n = shape[axis]
        guard k >= -n, k < n else { throw interp.indexError("index \(k) is out of bounds for axis \(axis) with size \(n)") }
        return k < 0 ? k + n : k
    }
    func iterate(_ inst: PyInstance, _ interp: Interpreter) throws -> PyIterator? {
        ArrayIterator((0..<(shape.first ?? 0)).map { row($0) }, name: "iterator")
    }

    func nestedRepr(_ interp: Interpreter) throws -> String {
        if shape.count == 2 {
            let rows = try (0..<shape[0]).map { r in
                "[" + (try flat[(r * shape[1])..<((r + 1) * shape[1])].map { try interp.repr($0) }.joined(separator: ", ")) + "]"
            }
            return "[" + rows.joined(separator: ",\n       ") + "]"
        }
        return "[" + (try flat.map { try interp.repr($0) }.joined(separator: ", ")) + "]"
    }
}

extension Interpreter {

    /// `(nrows, ncols, index)` from `add_subplot(2, 2, 1)`, `add_subplot(221)` or
    /// `subplot(2, 2, 1)`; the index counts from 1 in matplotlib, returned from 0.
    func subplotSpec(_ a: Arguments, _ fname: String) throws -> (Int, Int, Int) {
        var p = try a.positional.map { try toInt($0) }
        if p.isEmpty { p = [1, 1, 1] }
        if p.count == 1 {
            let n = p[0]
            guard n >= 111, n <= 999 else { throw valueError("Single argument to subplot must be a three-digit integer, not \(n)") }
            p = [n / 100, n / 10 % 10, n % 10]
        }
        guard p.count == 3 else { throw typeError("\(fname)() takes 1 or 3 positional arguments but \(p.count) were given") }
        let (r, c, k) = (p[0], p[1], p[2])
        guard r > 0, c > 0, r <= 50, c <= 50 else { throw valueError("Number of rows and columns must be positive integers (at most 50 in cnb), not \(r) and \(c)") }
        guard k >= 1, k <= r * c else { throw valueError("num must be an integer with 1 <= num <= \(r * c), not \(k)") }
        return (r, c, k - 1)
    }

    /// Creates an nrows × ncols grid of axes in `f`; returns (fig, axes) as pyplot does.
    func subplotsArray(_ f: PlotFigure, _ b: BoundArguments) throws -> Value {
        let r = try b.given("nrows").map { try toInt($0) } ?? 1
        let c = try b.given("ncols").map { try toInt($0) } ?? 1
        guard r > 0, c > 0 else { throw valueError("Number of rows must be a positive integer, not \(min(r, c))") }
        guard r <= 50, c <= 50 else { throw valueError("at most 50 rows and 50 columns of subplots in cnb") }
        let squeeze = try b.given("squeeze").map { try truthy($0) } ?? true
        var flat: [Value] = []
        for row in 0..<r {
            for col in 0..<c { flat.append(axesObject(addAxes(f, row: row, column: col, rows: r, columns: c))) }
        }
        f.current = f.axes.first { $0.model.row == 0 && $0.model.column == 0 && $0.model.rows == r && $0.model.columns == c }
        if squeeze && r == 1 && c == 1 { return flat[0] }
        let shape = squeeze && (r == 1 || c == 1) ? [flat.count] : [r, c]
        return .object(AxesArray(flat, shape: shape, cls: plot.classes.array).instance())
    }

    /// `colorbar(mappable, ax=..., shrink=...)`: a bar for the image's colour map and range.
    func addColorbar(_ f: PlotFigure, _ a: Arguments) throws -> Value {
        let b = try bind("colorbar", a, ["mappable?", "cax?", "ax?", "*", "shrink?"], varkw: true)
        var layer: ImageLayer?
        if case .object(let inst as PyInstance)? = b.given("mappable"), let ref = inst.native as? ImageRef,
           ref.axes.model.images.indices.contains(ref.index) {
            layer = ref.axes.model.images[ref.index]
        }
        if layer == nil {
            layer = f.axes.reversed().lazy.compactMap { $0.model.images.last }.first
        }
        guard let img = layer else {
            throw runtimeError("No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).")
        }
        let shrink = try b.given("shrink").map { try toDouble($0) } ?? 1
        let range = img.range
        f.colorbar = Colorbar(colormap: img.colormap, lo: range.lo, hi: range.hi, shrink: shrink)
        let i = PyInstance(cls: plot.classes.colorbar)
        return .object(i)
    }
}

/// An AxesImage's link back to its layer.
final class ImageRef {
    let axes: PlotAxes
    let index: Int
    init(axes: PlotAxes, index: Int) {
        self.axes = axes
        self.index = index
    }
}
#endif
