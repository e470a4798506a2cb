/// Plotting hooks the interpreter core calls. Without the Pictures library (a build that
/// has not added it yet) they do nothing, so the core never depends on it directly.
#if canImport(Pictures)
import Pictures

/// An open figure: its axes (in creation order), the current one, and figure-level parts.
final class PlotFigure {
    let number: Int
    var width: Double
    var height: Double
    var dpi: Double
    var axes: [PlotAxes] = []
    var current: PlotAxes?
    var suptitle = ""
    var colorbar: Colorbar?
    /// The Python object (a strong cycle, broken when the figure is closed).
    var instance: PyInstance?

    init(number: Int, width: Double, height: Double, dpi: Double) {
        self.number = number
        self.width = width
        self.height = height
        self.dpi = dpi
    }

    /// The figure as the Pictures library draws it.
    var model: Figure {
        var f = Figure(width: width, height: height, dpi: dpi)
        f.axes = axes.map(\.model)
        f.suptitle = suptitle
        f.colorbar = colorbar
        return f
    }

    var pixelSize: (width: Int, height: Int) { Figure(width: width, height: height, dpi: dpi).pixelSize }
}

/// An axes of an open figure, with its position in the colour cycle.
final class PlotAxes {
    var model: Axes
    unowned let figure: PlotFigure
    var cycle = 0
    var instance: PyInstance?

    init(model: Axes, figure: PlotFigure) {
        self.model = model
        self.figure = figure
    }

    /// The next default colour (the cycle advances only for series without a colour).
    func nextColor() -> RGBA {
        defer { cycle += 1 }
        return defaultColorCycle[cycle % defaultColorCycle.count]
    }
}

/// Per-session pyplot state: open figures, the current one, rcParams, the classes.
final class PlotState {
    var open: [PlotFigure] = []
    var current: PlotFigure?
    var counter = 0
    let rcParams = PyDict()
    let classes: PlotClasses

    init(_ interp: Interpreter) {
        classes = PlotClasses(interp)
        try? rcParams.set(.str("figure.figsize"), .object(PyTuple([.float(6.4), .float(4.8)])), interp)
        try? rcParams.set(.str("figure.dpi"), .float(100), interp)
    }
}

extension Interpreter {
    var plot: PlotState {
        if let s = plotState as? PlotState { return s }
        let s = PlotState(self)
        plotState = s
        return s
    }

    /// Registers `matplotlib`, `matplotlib.pyplot` and the `show` builtin (all built
    /// lazily on first use).
    func installPlotting() {
        modules["matplotlib.pyplot"] = .object(PyModule(name: "matplotlib.pyplot") { [unowned self] m in self.fillPyplot(m) })
        modules["matplotlib"] = .object(PyModule(name: "matplotlib") { [unowned self] m in
            m.dict["pyplot"] = self.modules["matplotlib.pyplot"]
            m.dict["rcParams"] = .object(self.plot.rcParams)
            m.dict["__version__"] = .str("3.8.0")
            m.def("use") { _, _ in .none }
        })
        builtins["show"] = .object(PyBuiltinFunction("show", signature: "show(t)",
                                                     doc: "Shows a tensor as a heatmap (each channel of a 3-D or 4-D tensor) with its value range.") { i, a in
            try i.showTensor(a)
        })
    }

    /// Shows and closes every open figure, as Jupyter's inline backend does when a cell
    /// ends (and as `plt.show()` does).
    func flushFigures() {
        guard let state = plotState as? PlotState, !state.open.isEmpty else { return }
        let figures = state.open
        closeAllFigures()
        for f in figures { display(f) }
    }

    func display(_ f: PlotFigure) {
        if f.axes.isEmpty {
            let (w, h) = f.pixelSize
            write("<Figure size \(w)x\(h) with 0 Axes>\n")
            return
        }
        displayFigure(f.model)
    }

    /// Renders a figure to PNG and sends it to the output sink (remembering the picture
    /// so terminal renderers can redraw it from the figure).
    func displayFigure(_ figure: Figure) {
        let picture = Picture(figure: figure)
        PictureStore.shared.remember(picture)
        output.display(png: picture.png, width: picture.width, height: picture.height)
    }

    func closeAllFigures() {
        guard let state = plotState as? PlotState else { return }
        for f in state.open { release(f) }
        state.open = []
        state.current = nil
    }

    func closeFigure(_ f: PlotFigure) {
        let state = plot
        state.open.removeAll { $0 === f }
        if state.current === f { state.current = state.open.last }
        release(f)
    }

    private func release(_ f: PlotFigure) {
        for a in f.axes { a.instance = nil }
        f.instance = nil
    }

    // MARK: - Figures and axes

    /// A new figure (and makes it current), sized from `figsize` or rcParams.
    func newFigure(figsize: (Double, Double)? = nil, dpi: Double? = nil) throws -> PlotFigure {
        let state = plot
        var size = (6.4, 4.8)
        if let v = try state.rcParams.get(.str("figure.figsize"), self) {
            let parts = try iterateAll(v).map { try toDouble($0) }
            if parts.count == 2 { size = (parts[0], parts[1]) }
        }
        if let figsize { size = figsize }
        var d = 100.0
        if let v = try state.rcParams.get(.str("figure.dpi"), self) { d = try toDouble(v) }
        if let dpi { d = dpi }
        guard size.0 > 0, size.1 > 0, size.0.isFinite, size.1.isFinite else {
            throw valueError("figure size must be positive finite not (\(PyFormat.floatRepr(size.0)), \(PyFormat.floatRepr(size.1)))")
        }
        guard d > 0, d <= 1000 else { throw valueError("dpi must be positive and at most 1000 in cnb") }
        state.counter += 1
        let f = PlotFigure(number: state.counter, width: size.0, height: size.1, dpi: d)
        state.open.append(f)
        state.current = f
        return f
    }

    /// The current figure, created if there is none.
    func currentFigure() throws -> PlotFigure {
        if let f = plot.current { return f }
        return try newFigure()
    }

    /// The current axes of the current figure, created if there is none.
    func currentAxes() throws -> PlotAxes {
        let f = try currentFigure()
        if let a = f.current { return a }
        return addAxes(f, row: 0, column: 0, rows: 1, columns: 1)
    }

    @discardableResult
    func addAxes(_ f: PlotFigure, row: Int, column: Int, rows: Int, columns: Int) -> PlotAxes {
        // A subplot at the same grid position replaces the earlier one (as plt.subplot does).
        if let existing = f.axes.first(where: { $0.model.row == row && $0.model.column == column && $0.model.rows == rows && $0.model.columns == columns }) {
            f.current = existing
            return existing
        }
        let a = PlotAxes(model: Axes(row: row, column: column, rows: rows, columns: columns), figure: f)
        f.axes.append(a)
        f.current = a
        plot.current = f
        return a
    }

    func figureObject(_ f: PlotFigure) -> Value {
        if let i = f.instance { return .object(i) }
        let i = PyInstance(cls: plot.classes.figure)
        i.native = f
        f.instance = i
        return .object(i)
    }

    func axesObject(_ a: PlotAxes) -> Value {
        if let i = a.instance { return .object(i) }
        let i = PyInstance(cls: plot.classes.axes)
        i.native = a
        a.instance = i
        return .object(i)
    }
}
#else
extension Interpreter {
    func installPlotting() {}
    func flushFigures() {}
}
#endif

#if !canImport(Pictures)
extension Interpreter {
    func fillD2LPlotting(_ m: PyModule) {}
}
#endif
