#if canImport(Pictures)
import Pictures
import Tensors

/// The d2l plotting helpers (`d2l.plot`, `d2l.set_figsize`, `d2l.show_heatmaps`,
/// `d2l.show_images`, `d2l.plt`) and the `show(t)` builtin.
extension Interpreter {
    func fillD2LPlotting(_ m: PyModule) {
        m.dict["plt"] = (try? importModule("matplotlib.pyplot")) ?? Value.none
        m.def("use_svg_display", signature: "use_svg_display()") { _, _ in .none }
        m.def("set_figsize", signature: "set_figsize(figsize=(3.5, 2.5))") { i, a in
            let b = try i.bind("set_figsize", a, ["figsize?"])
            try i.setDefaultFigsize(try i.figsizeArgument(b.given("figsize")) ?? (3.5, 2.5))
            return .none
        }
        m.def("set_axes", signature: "set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend)") { i, a in
            let b = try i.bind("set_axes", a, ["axes", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale", "legend"])
            guard case .object(let inst as PyInstance) = b[0]!, let ax = inst.native as? PlotAxes else {
                throw i.typeError("set_axes() needs an Axes object")
            }
            try i.d2lSetAxes(ax, b)
            return .none
        }
        m.def("plot", signature: "plot(X, Y=None, xlabel=None, ylabel=None, legend=None, xlim=None, ylim=None, xscale='linear', yscale='linear', fmts=('-', 'm--', 'g-.', 'r:'), figsize=(3.5, 2.5), axes=None)") { i, a in
            try i.d2lPlot(a)
        }
        m.def("show_heatmaps", signature: "show_heatmaps(matrices, xlabel, ylabel, titles=None, figsize=(2.5, 2.5), cmap='Reds')") { i, a in
            try i.d2lShowHeatmaps(a)
        }
        m.def("show_images", signature: "show_images(imgs, num_rows, num_cols, titles=None, scale=1.5)") { i, a in
            try i.d2lShowImages(a)
        }
    }

    func setDefaultFigsize(_ size: (Double, Double)) throws {
        try plot.rcParams.set(.str("figure.figsize"), .object(PyTuple([.float(size.0), .float(size.1)])), self)
    }

    private func d2lSetAxes(_ ax: PlotAxes, _ b: BoundArguments) throws {
        if let v = b.given("xlabel") { ax.model.xlabel = try str(v) }
        if let v = b.given("ylabel") { ax.model.ylabel = try str(v) }
        if let v = b.given("xscale") { _ = try AxesOps.setScale(self, ax, Arguments([v]), x: true) }
        if let v = b.given("yscale") { _ = try AxesOps.setScale(self, ax, Arguments([v]), x: false) }
        if let v = b.given("xlim") { _ = try AxesOps.setLimits(self, ax, Arguments([v]), x: true) }
        if let v = b.given("ylim") { _ = try AxesOps.setLimits(self, ax, Arguments([v]), x: false) }
        if let v = b.given("legend"), try truthy(v) { _ = try AxesOps.legend(self, ax, Arguments([v])) }
        ax.model.grid = true
    }

    /// True for a 1-D tensor or a list whose first item has no length (the book's
    /// `has_one_axis`).
    private func hasOneAxis(_ v: Value) -> Bool {
        switch v {
        case .tensor(let t): return t.rank == 1
        case .object(let l as PyList): return l.items.first.map { isScalarLike($0) } ?? false
        default: return false
        }
    }

    private func d2lPlot(_ a: Arguments) throws -> Value {
        let b = try bind("plot", a, ["X", "Y?", "xlabel?", "ylabel?", "legend?", "xlim?", "ylim?", "xscale?", "yscale?", "fmts?", "figsize?", "axes?"])
        var X = try seriesList(b[0]!)
        var Y: [Value]
        if let y = b.given("Y") {
            Y = try seriesList(y)
        } else {
            Y = X
            X = Array(repeating: .object(PyList([])), count: Y.count)
        }
        if X.count != Y.count {
            // The book repeats X for every Y (`X = X * len(Y)`).
            X = Array(repeating: X, count: Y.count).flatMap { $0 }
        }
        let fmts = try b.given("fmts").map { try iterateAll($0).map { try toStr($0, "fmts") } } ?? ["-", "m--", "g-.", "r:"]
        try setDefaultFigsize(try figsizeArgument(b.given("figsize")) ?? (3.5, 2.5))
        let ax: PlotAxes
        if case .object(let inst as PyInstance)? = b.given("axes"), let given = inst.native as? PlotAxes {
            ax = given
        } else {
            ax = try currentAxes()
        }
        _ = AxesOps.clear(ax)
        for (k, (x, y)) in zip(X, Y).enumerated() where k < fmts.count {
            let empty = (try? length(x)) == 0
            let args: [Value] = empty ? [y, .str(fmts[k])] : [x, y, .str(fmts[k])]
            _ = try AxesOps.plot(self, ax, Arguments(args))
        }
        try d2lSetAxes(ax, b)
        return .none
    }

    /// `X` as a list of series (one series becomes a one-item list).
    private func seriesList(_ v: Value) throws -> [Value] {
        if hasOneAxis(v) { return [v] }
        if case .tensor(let t) = v, t.rank == 2 { return try iterateAll(v) }
        return try iterateAll(v)
    }

    /// `show_heatmaps(matrices, xlabel, ylabel, titles=None, figsize=(2.5, 2.5), cmap='Reds')`:
    /// a rows × columns grid of heatmaps with a shared colour bar.
    private func d2lShowHeatmaps(_ a: Arguments) throws -> Value {
        let b = try bind("show_heatmaps", a, ["matrices", "xlabel", "ylabel", "titles?", "figsize?", "cmap?"])
        let rows = try iterateAll(b[0]!)
        guard let firstRow = rows.first else { throw valueError("show_heatmaps needs at least one row of matrices") }
        let numCols = try length(firstRow)
        let titles = try b.given("titles").map { try iterateAll($0).map { try str($0) } }
        let cmap = try colormapArgument(b.given("cmap") ?? .str("Reds"))
        let f = try newFigure(figsize: try figsizeArgument(b.given("figsize")) ?? (2.5, 2.5))
        var lastImage: ImageLayer?
        for (r, row) in rows.enumerated() {
            for (c, matrix) in try iterateAll(row).enumerated() where c < numCols {
                let ax = addAxes(f, row: r, column: c, rows: rows.count, columns: numCols)
                let layer = try imageLayer(matrix, cmap: cmap, vmin: nil, vmax: nil)
                ax.model.images.append(layer)
                lastImage = layer
                if r == rows.count - 1 { ax.model.xlabel = try str(b[1]!) }
                if c == 0 { ax.model.ylabel = try str(b[2]!) }
                if let titles, c < titles.count { ax.model.title = titles[c] }
            }
        }
        if let img = lastImage {
            let range = img.range
            f.colorbar = Colorbar(colormap: img.colormap, lo: range.lo, hi: range.hi, shrink: 0.6)
        }
        return .none
    }

    /// `show_images(imgs, num_rows, num_cols, titles=None, scale=1.5)`: a grid of images
    /// without axes; returns the axes array.
    private func d2lShowImages(_ a: Arguments) throws -> Value {
        let b = try bind("show_images", a, ["imgs", "num_rows", "num_cols", "titles?", "scale?"])
        let imgs = try iterateAll(b[0]!)
        let r = try toInt(b[1]!), c = try toInt(b[2]!)
        guard r > 0, c > 0, r <= 50, c <= 50 else { throw valueError("num_rows and num_cols must be in 1...50") }
        let scale = try b.given("scale").map { try toDouble($0) } ?? 1.5
        let titles = try b.given("titles").map { try iterateAll($0).map { try str($0) } }
        let f = try newFigure(figsize: (Double(c) * scale, Double(r) * scale))
        var flat: [Value] = []
        for k in 0..<(r * c) {
            let ax = addAxes(f, row: k / c, column: k % c, rows: r, columns: c)
            ax.model.axisOn = false
            if k < imgs.count { ax.model.images.append(try imageLayer(imgs[k], cmap: nil, vmin: nil, vmax: nil)) }
            if let titles, k < titles.count { ax.model.title = titles[k] }
            flat.append(axesObject(ax))
        }
        return .object(AxesArray(flat, shape: [flat.count], cls: plot.classes.array).instance())
    }

    // MARK: - show(t)

    /// `show(t)`: a 2-D tensor as a heatmap; a 3-D tensor as one heatmap per channel; a
    /// 4-D tensor as a grid (batch × channel), with a shared colour bar of the value range.
    func showTensor(_ a: Arguments) throws -> Value {
        let b = try bind("show", a, ["t", "*", "cmap?", "title?"])
        let v = b[0]!
        let t: Tensor
        switch v {
        case .tensor(let x): t = x
        default:
            let layer = try imageLayer(v, cmap: nil, vmin: nil, vmax: nil)
            guard case .scalar(let values) = layer.pixels else { throw typeError("show() expects a tensor") }
            t = try Tensor(shape: [layer.height, layer.width], doubles: values)
        }
        let cmap = try colormapArgument(b.given("cmap")) ?? .viridis
        let shape = t.shape
        let (n, c, h, w): (Int, Int, Int, Int)
        switch shape.count {
        case 2: (n, c, h, w) = (1, 1, shape[0], shape[1])
        case 3: (n, c, h, w) = (1, shape[0], shape[1], shape[2])
        case 4: (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        default:
            throw valueError("show() expects a 2-D, 3-D (C, H, W) or 4-D (N, C, H, W) tensor, got shape \(shapeText(shape))")
        }
        guard h > 0, w > 0, n * c > 0 else { throw valueError("show() got an empty tensor of shape \(shapeText(shape))") }
        guard n * c <= 64 else { throw valueError("show() draws at most 64 maps; this tensor has \(n * c) (slice it first)") }
        let values = t.toDoubles()
        var lo = Double.infinity, hi = -Double.infinity
        for x in values where x.isFinite {
            lo = min(lo, x)
            hi = max(hi, x)
        }
        if !lo.isFinite { (lo, hi) = (0, 1) }
        let cols = shape.count == 4 ? c : min(c, 8)
        let rows = (n * c + cols - 1) / cols
        let cellW = max(1.2, min(4.0, 4.0 * Double(w) / Double(max(w, h))))
        let cellH = max(1.2, min(4.0, 4.0 * Double(h) / Double(max(w, h))))
        var fig = Figure(width: min(16, cellW * Double(cols) + 1.0), height: min(16, cellH * Double(rows) + 0.5))
        let plane = h * w
        for k in 0..<(n * c) {
            var ax = Axes(row: k / cols, column: k % cols, rows: rows, columns: cols)
            ax.images = [ImageLayer(width: w, height: h, pixels: .scalar(Array(values[(k * plane)..<((k + 1) * plane)])),
                                    colormap: cmap, vmin: lo, vmax: hi)]
            if shape.count == 3 { ax.title = "channel \(k)" }
            if shape.count == 4 { ax.title = "[\(k / c), \(k % c)]" }
            fig.axes.append(ax)
        }
        let dims = shape.map(String.init).joined(separator: "x")
        let heading = try b.given("title").map { try str($0) } ?? "tensor \(dims)"
        fig.suptitle = "\(heading)  min \(Ticks.shortest(lo))  max \(Ticks.shortest(hi))"
        fig.colorbar = Colorbar(colormap: cmap, lo: lo, hi: hi)
        displayFigure(fig)
        return .none
    }
}
#endif
