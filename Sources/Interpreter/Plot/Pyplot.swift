#if canImport(Pictures)
import Pictures

/// `matplotlib.pyplot`: the state-machine interface over the current figure and axes.
extension Interpreter {
    func fillPyplot(_ m: PyModule) {
        let state = plot
        m.dict["rcParams"] = .object(state.rcParams)
        // Functions that act on the current axes, named as in pyplot.
        let forwarded: [(String, String)] = [
            ("plot", "plot"), ("scatter", "scatter"), ("imshow", "imshow"), ("xlabel", "set_xlabel"),
            ("ylabel", "set_ylabel"), ("title", "set_title"), ("xscale", "set_xscale"), ("yscale", "set_yscale"),
            ("legend", "legend"), ("grid", "grid"), ("axis", "axis"), ("cla", "cla"),
        ]
        let ops = Dictionary(AxesOps.table, uniquingKeysWith: { a, _ in a })
        for (name, opName) in forwarded {
            guard let op = ops[opName] else { continue }
            m.def(name) { i, a in try op(i, try i.currentAxes(), a) }
        }
        m.def("xlim") { i, a in
            let ax = try i.currentAxes()
            if a.positional.isEmpty && a.keywords.isEmpty { return AxesOps.limits(ax, x: true) }
            return try AxesOps.setLimits(i, ax, a, x: true)
        }
        m.def("ylim") { i, a in
            let ax = try i.currentAxes()
            if a.positional.isEmpty && a.keywords.isEmpty { return AxesOps.limits(ax, x: false) }
            return try AxesOps.setLimits(i, ax, a, x: false)
        }
        m.def("xticks") { i, a in
            let ax = try i.currentAxes()
            if let t = a.positional.first { _ = try AxesOps.setTicks(i, ax, Arguments([t]), x: true) }
            return .object(PyTuple([.object(PyList([])), .object(PyList([]))]))
        }
        m.def("yticks") { i, a in
            let ax = try i.currentAxes()
            if let t = a.positional.first { _ = try AxesOps.setTicks(i, ax, Arguments([t]), x: false) }
            return .object(PyTuple([.object(PyList([])), .object(PyList([]))]))
        }
        m.def("figure", signature: "figure(num=None, figsize=None, dpi=None, **kwargs)") { i, a in
            let b = try i.bind("figure", a, ["num?", "figsize?", "dpi?"], varkw: true)
            if case .int(let n)? = b.given("num"), let existing = i.plot.open.first(where: { $0.number == n }) {
                i.plot.current = existing
                return i.figureObject(existing)
            }
            return i.figureObject(try i.newFigure(figsize: try i.figsizeArgument(b.given("figsize")),
                                                  dpi: try b.given("dpi").map { try i.toDouble($0) }))
        }
        m.def("subplots", signature: "subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, figsize=None)") { i, a in
            let b = try i.bind("subplots", a, ["nrows?", "ncols?", "*", "sharex?", "sharey?", "squeeze?", "figsize?", "dpi?"], varkw: true)
            let f = try i.newFigure(figsize: try i.figsizeArgument(b.given("figsize")), dpi: try b.given("dpi").map { try i.toDouble($0) })
            let axes = try i.subplotsArray(f, b)
            return .object(PyTuple([i.figureObject(f), axes]))
        }
        m.def("subplot", signature: "subplot(nrows, ncols, index)") { i, a in
            let (r, c, k) = try i.subplotSpec(Arguments(a.positional), "subplot")
            return i.axesObject(i.addAxes(try i.currentFigure(), row: k / c, column: k % c, rows: r, columns: c))
        }
        m.def("gca") { i, _ in i.axesObject(try i.currentAxes()) }
        m.def("gcf") { i, _ in i.figureObject(try i.currentFigure()) }
        m.def("show", signature: "show(*, block=None)") { i, _ in
            i.flushFigures()
            return .none
        }
        m.def("close", signature: "close(fig=None)") { i, a in
            let target = a.positional.first ?? a.keywords.first { $0.0 == "fig" }?.1
            switch target {
            case nil:
                if let f = i.plot.current { i.closeFigure(f) }
            case .str("all")?:
                i.closeAllFigures()
            case .object(let inst as PyInstance)? where inst.native is PlotFigure:
                i.closeFigure(inst.native as! PlotFigure)
            case .int(let n)?:
                if let f = i.plot.open.first(where: { $0.number == n }) { i.closeFigure(f) }
            case let other?:
                throw i.typeError("close() argument must be a Figure, an int, a string, or None, not \(i.typeName(other))")
            }
            return .none
        }
        m.def("clf") { i, _ in
            if let f = i.plot.current {
                f.axes = []
                f.current = nil
                f.colorbar = nil
                f.suptitle = ""
            }
            return .none
        }
        m.def("colorbar") { i, a in try i.addColorbar(try i.currentFigure(), a) }
        m.def("suptitle") { i, a in
            let b = try i.bind("suptitle", a, ["t"], varkw: true)
            try i.currentFigure().suptitle = try i.str(b[0]!)
            return .none
        }
        m.def("savefig") { i, _ in throw i.sandboxError("savefig") }
        for name in ["tight_layout", "ion", "ioff", "draw", "pause", "rc", "style_use"] {
            m.def(name) { _, _ in .none }
        }
    }

    /// A `figsize=(w, h)` argument (None means the default).
    func figsizeArgument(_ v: Value?) throws -> (Double, Double)? {
        guard let v, !v.isNone else { return nil }
        let p = try iterateAll(v).map { try toDouble($0) }
        guard p.count == 2 else { throw valueError("figsize must be a (width, height) tuple") }
        return (p[0], p[1])
    }
}
#endif
