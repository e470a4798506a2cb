#if canImport(Pictures)
import Pictures

/// What an axes can do; each entry is both an `Axes` method and (through the current
/// axes) the pyplot function of the same job.
enum AxesOps {
    typealias Op = (Interpreter, PlotAxes, Arguments) throws -> Value

    static var table: [(String, Op)] {
        [
        ("plot", plot), ("scatter", scatter), ("imshow", imshow),
        ("set_xlabel", { i, a, args in try setText(i, a, args, "set_xlabel", \.xlabel) }),
        ("set_ylabel", { i, a, args in try setText(i, a, args, "set_ylabel", \.ylabel) }),
        ("set_title", { i, a, args in try setText(i, a, args, "set_title", \.title) }),
        ("get_xlabel", { _, a, _ in .str(a.model.xlabel) }),
        ("get_ylabel", { _, a, _ in .str(a.model.ylabel) }),
        ("get_title", { _, a, _ in .str(a.model.title) }),
        ("set_xlim", { i, a, args in try setLimits(i, a, args, x: true) }),
        ("set_ylim", { i, a, args in try setLimits(i, a, args, x: false) }),
        ("get_xlim", { _, a, _ in limits(a, x: true) }),
        ("get_ylim", { _, a, _ in limits(a, x: false) }),
        ("set_xscale", { i, a, args in try setScale(i, a, args, x: true) }),
        ("set_yscale", { i, a, args in try setScale(i, a, args, x: false) }),
        ("legend", legend), ("grid", grid), ("axis", axis),
        ("cla", { _, a, _ in clear(a) }), ("clear", { _, a, _ in clear(a) }),
        ("set_xticks", { i, a, args in try setTicks(i, a, args, x: true) }),
        ("set_yticks", { i, a, args in try setTicks(i, a, args, x: false) }),
        ("get_xaxis", { i, a, _ in axisObject(i, a, x: true) }),
        ("get_yaxis", { i, a, _ in axisObject(i, a, x: false) }),
        ("set_axis_off", { _, a, _ in a.model.axisOn = false; return .none }),
        ("set_axis_on", { _, a, _ in a.model.axisOn = true; return .none }),
        ("set", set),
        ("set_aspect", { _, _, _ in .none }), ("tick_params", { _, _, _ in .none }),
        ("margins", { _, _, _ in .none }), ("autoscale", { _, _, _ in .none }),
        ("set_facecolor", { _, _, _ in .none }), ("label_outer", { _, _, _ in .none }),
        ]
    }

    // MARK: - Data

    /// `plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs)`; returns the Line2D list.
    static func plot(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        var groups: [(x: Value?, y: Value, fmt: String?)] = []
        var rest = args.positional[...]
        while let first = rest.first {
            rest = rest.dropFirst()
            if case .str = first { throw i.valueError("third arg must be a format string") }
            var x: Value? = nil, y = first
            if let second = rest.first, !isString(second) {
                x = first
                y = second
                rest = rest.dropFirst()
            }
            var fmt: String? = nil
            if case .str(let s)? = rest.first {
                fmt = s
                rest = rest.dropFirst()
            }
            groups.append((x, y, fmt))
        }
        var style = LineOptions()
        try style.read(i, args.keywords, function: "Line2D.set")
        var made: [Value] = []
        for g in groups {
            let ys = try i.plotColumns(g.y, what: "y")
            var xs: [[Double]]
            if let gx = g.x {
                xs = try i.plotColumns(gx, what: "x")
            } else {
                xs = [Array(0..<(ys.first?.count ?? 0)).map(Double.init)]
            }
            let xn = xs.first?.count ?? 0, yn = ys.first?.count ?? 0
            guard xn == yn else {
                throw i.valueError("x and y must have same first dimension, but have shapes \(shape(xs)) and \(shape(ys))")
            }
            guard xs.count == ys.count || xs.count == 1 || ys.count == 1 else {
                throw i.valueError("x has \(xs.count) columns but y has \(ys.count) columns")
            }
            var fmt = PlotColors.Format()
            if let f = g.fmt {
                switch PlotColors.parseFormat(f) {
                case .success(let parsed): fmt = parsed
                case .failure(let e): throw i.valueError(e.message)
                }
            }
            for k in 0..<max(xs.count, ys.count) {
                let color = style.color ?? fmt.color ?? a.nextColor()
                let marker = style.marker ?? fmt.marker ?? Marker.none
                let line = style.style ?? fmt.style ?? (fmt.marker != nil || style.marker != nil ? LineStyle.none : .solid)
                var s = LineSeries(xs: xs[xs.count == 1 ? 0 : k], ys: ys[ys.count == 1 ? 0 : k], color: color, style: line,
                                   marker: marker, label: style.label, lineWidth: style.lineWidth ?? 1.5,
                                   markerSize: style.markerSize ?? 6)
                if let alpha = style.alpha { s.color = s.color.fading(alpha) }
                a.model.lines.append(s)
                made.append(lineObject(i, a, a.model.lines.count - 1))
            }
        }
        return .object(PyList(made))
    }

    private static func isString(_ v: Value) -> Bool {
        if case .str = v { return true }
        return false
    }

    private static func shape(_ cols: [[Double]]) -> String {
        let n = cols.first?.count ?? 0
        return cols.count == 1 ? "(\(n),)" : "(\(n), \(cols.count))"
    }

    static func lineObject(_ i: Interpreter, _ a: PlotAxes, _ index: Int) -> Value {
        let inst = PyInstance(cls: i.plot.classes.line)
        inst.native = LineRef(axes: a, index: index)
        return .object(inst)
    }

    /// `scatter(x, y, s=None, c=None, marker='o', ...)`: markers without lines.
    static func scatter(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        let b = try i.bind("scatter", args, ["x", "y", "s?", "c?", "marker?", "cmap?", "norm?", "vmin?", "vmax?", "alpha?", "*", "label?", "color?"], varkw: true)
        let xs = try i.plotVector(b[0]!), ys = try i.plotVector(b[1]!)
        guard xs.count == ys.count else { throw i.valueError("x and y must be the same size") }
        var color = a.nextColor()
        if let c = b.given("c") ?? b.given("color") { color = try i.colorArgument(c) }
        let marker = try b.given("marker").map { v -> Marker in
            let s = try i.toStr(v, "marker")
            guard let m = PlotColors.marker(s) else { throw i.valueError("Unrecognized marker style \(try i.repr(v))") }
            return m
        } ?? .circle
        let size = try b.given("s").map { (try i.toDouble($0)).squareRoot() } ?? 6
        var s = LineSeries(xs: xs, ys: ys, color: color, style: .none, marker: marker,
                           label: try b.given("label").map { try i.str($0) }, markerSize: size)
        if let al = b.given("alpha") { s.color = s.color.fading(try i.toDouble(al)) }
        a.model.lines.append(s)
        return lineObject(i, a, a.model.lines.count - 1)
    }

    /// `imshow(X, cmap=None, ..., vmin=None, vmax=None)`; returns the AxesImage.
    static func imshow(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        let b = try i.bind("imshow", args, ["X", "cmap?", "norm?", "*", "aspect?", "interpolation?", "alpha?", "vmin?", "vmax?", "origin?", "extent?"], varkw: true)
        let cmap = try i.colormapArgument(b.given("cmap"))
        let vmin = try b.given("vmin").map { try i.toDouble($0) }, vmax = try b.given("vmax").map { try i.toDouble($0) }
        let layer = try i.imageLayer(b[0]!, cmap: cmap, vmin: vmin, vmax: vmax)
        a.model.images.append(layer)
        let inst = PyInstance(cls: i.plot.classes.image)
        inst.native = ImageRef(axes: a, index: a.model.images.count - 1)
        return .object(inst)
    }

    // MARK: - Labels, limits, scales

    static func setText(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments, _ name: String, _ key: WritableKeyPath<Axes, String>) throws -> Value {
        let b = try i.bind(name, args, ["label", "fontdict?", "labelpad?", "*", "loc?"], varkw: true)
        a.model[keyPath: key] = try i.str(b[0]!)
        return .none
    }

    static func limits(_ a: PlotAxes, x: Bool) -> Value {
        let r = a.model.resolve(xTicks: 5, yTicks: 5)
        let ax = x ? r.x : r.y
        return .object(PyTuple([.float(ax.start), .float(ax.end)]))
    }

    /// `set_xlim(left, right)`, `set_xlim((left, right))`, `set_xlim(right=3)`.
    static func setLimits(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments, x: Bool) throws -> Value {
        let (lo, hi) = x ? ("left", "right") : ("bottom", "top")
        let b = try i.bind(x ? "set_xlim" : "set_ylim", args, ["\(lo)?", "\(hi)?", "*", "emit?", "auto?", "\(x ? "xmin" : "ymin")?", "\(x ? "xmax" : "ymax")?"])
        var first = b.given(lo) ?? b.given(x ? "xmin" : "ymin")
        var second = b.given(hi) ?? b.given(x ? "xmax" : "ymax")
        if let f = first, second == nil, !i.isScalarLike(f) {
            let parts = try i.iterateAll(f)
            guard parts.count == 2 else { throw i.valueError("limits must be a pair (low, high)") }
            first = parts[0].isNone ? nil : parts[0]
            second = parts[1].isNone ? nil : parts[1]
        }
        let current = x ? a.model.xlim : a.model.ylim
        let l = try first.map { try i.toDouble($0) } ?? current?.0 ?? .nan
        let h = try second.map { try i.toDouble($0) } ?? current?.1 ?? .nan
        if l == h && l.isFinite {
            // matplotlib widens a singular range (with a warning); keep it drawable.
            let d = l == 0 ? 1 : abs(l) * 0.1
            if x { a.model.xlim = (l - d, h + d) } else { a.model.ylim = (l - d, h + d) }
        } else if x {
            a.model.xlim = (l, h)
        } else {
            a.model.ylim = (l, h)
        }
        return limits(a, x: x)
    }

    static func setScale(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments, x: Bool) throws -> Value {
        let b = try i.bind(x ? "set_xscale" : "set_yscale", args, ["value"], varkw: true)
        let v = try i.toStr(b[0]!, "value")
        let scale: Scale
        switch v {
        case "linear": scale = .linear
        case "log": scale = .log
        default:
            throw i.valueError("\(try i.repr(.str(v))) is not a valid value for scale; supported values are 'linear', 'log' (cnb draws these two)")
        }
        if x { a.model.xscale = scale } else { a.model.yscale = scale }
        return .none
    }

    static func setTicks(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments, x: Bool) throws -> Value {
        let b = try i.bind(x ? "set_xticks" : "set_yticks", args, ["ticks", "labels?", "*", "minor?"], varkw: true)
        let t = try i.plotVector(b[0]!)
        if x { a.model.xticks = t } else { a.model.yticks = t }
        return .object(PyList([]))
    }

    static func axisObject(_ i: Interpreter, _ a: PlotAxes, x: Bool) -> Value {
        let inst = PyInstance(cls: i.plot.classes.axis)
        inst.native = AxisRef(axes: a, isX: x)
        return .object(inst)
    }

    // MARK: - Legend, grid, axis, clear, set

    /// `legend()`, `legend(labels)`, `legend(handles, labels)`, with `loc=`.
    static func legend(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        var labels: [String]? = nil
        switch args.positional.count {
        case 0: break
        case 1: labels = try i.iterateAll(args.positional[0]).map { try i.str($0) }
        default: labels = try i.iterateAll(args.positional[1]).map { try i.str($0) }
        }
        var loc = LegendLocation.best
        for (k, v) in args.keywords {
            switch k {
            case "loc": loc = try location(i, v)
            case "labels": labels = try i.iterateAll(v).map { try i.str($0) }
            default: continue
            }
        }
        a.model.legend = Legend(labels: labels, location: loc)
        let inst = PyInstance(cls: i.plot.classes.legend)
        return .object(inst)
    }

    static func location(_ i: Interpreter, _ v: Value) throws -> LegendLocation {
        let codes: [(String, LegendLocation)] = [
            ("best", .best), ("upper right", .upperRight), ("upper left", .upperLeft), ("lower left", .lowerLeft),
            ("lower right", .lowerRight), ("right", .centerRight), ("center left", .centerLeft),
            ("center right", .centerRight), ("lower center", .lowerCenter), ("upper center", .upperCenter), ("center", .center),
        ]
        if case .int(let n) = v {
            guard n >= 0, n < codes.count else { throw i.valueError("\(n) is not a valid value for loc; supported values are 0...10") }
            return codes[n].1
        }
        let s = try i.toStr(v, "loc")
        guard let c = codes.first(where: { $0.0 == s }) else {
            throw i.valueError("\(try i.repr(v)) is not a valid value for loc; supported values are \(codes.map { "'\($0.0)'" }.joined(separator: ", "))")
        }
        return c.1
    }

    /// `grid()` toggles; `grid(True)`/`grid(False)` set; style keywords turn it on.
    static func grid(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        let b = try i.bind("grid", args, ["visible?", "which?", "axis?"], varkw: true)
        if let v = b.given("visible") {
            a.model.grid = try i.truthy(v)
        } else if !b.extraKeywords.isEmpty {
            a.model.grid = true
        } else {
            a.model.grid.toggle()
        }
        return .none
    }

    static func axis(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        if let v = args.positional.first {
            switch v {
            case .str(let s):
                switch s {
                case "off": a.model.axisOn = false
                case "on": a.model.axisOn = true
                case "equal", "scaled", "tight", "auto", "image", "square": break
                default: throw i.valueError("Unrecognized string '\(s)' to axis; try 'on' or 'off'")
                }
            case .bool(let on): a.model.axisOn = on
            default:
                let p = try i.iterateAll(v).map { try i.toDouble($0) }
                guard p.count == 4 else { throw i.typeError("The first argument to axis() must be an iterable of the form [xmin, xmax, ymin, ymax]") }
                a.model.xlim = (p[0], p[1])
                a.model.ylim = (p[2], p[3])
            }
        }
        let r = a.model.resolve(xTicks: 5, yTicks: 5)
        return .object(PyTuple([.float(r.x.start), .float(r.x.end), .float(r.y.start), .float(r.y.end)]))
    }

    static func clear(_ a: PlotAxes) -> Value {
        let m = a.model
        a.model = Axes(row: m.row, column: m.column, rows: m.rows, columns: m.columns)
        a.cycle = 0
        return .none
    }

    /// `ax.set(xlabel=..., ylabel=..., title=..., xlim=..., ylim=..., xscale=..., yscale=...)`.
    static func set(_ i: Interpreter, _ a: PlotAxes, _ args: Arguments) throws -> Value {
        for (k, v) in args.keywords {
            switch k {
            case "xlabel": a.model.xlabel = try i.str(v)
            case "ylabel": a.model.ylabel = try i.str(v)
            case "title": a.model.title = try i.str(v)
            case "xlim": _ = try setLimits(i, a, Arguments([v]), x: true)
            case "ylim": _ = try setLimits(i, a, Arguments([v]), x: false)
            case "xscale": _ = try setScale(i, a, Arguments([v]), x: true)
            case "yscale": _ = try setScale(i, a, Arguments([v]), x: false)
            case "xticks": _ = try setTicks(i, a, Arguments([v]), x: true)
            case "yticks": _ = try setTicks(i, a, Arguments([v]), x: false)
            default: throw i.attributeError("Axes.set() got an unexpected keyword argument '\(k)'")
            }
        }
        return .object(PyList([]))
    }
}

/// Line keyword arguments (`label=`, `color=`, `linestyle=`, `linewidth=`, `marker=`...).
struct LineOptions {
    var label: String?
    var color: RGBA?
    var style: LineStyle?
    var marker: Marker?
    var lineWidth: Double?
    var markerSize: Double?
    var alpha: Double?

    mutating func read(_ i: Interpreter, _ kwargs: [(String, Value)], function: String) throws {
        for (k, v) in kwargs {
            switch k {
            case "label": label = v.isNone ? nil : try i.str(v)
            case "color", "c": color = try i.colorArgument(v)
            case "linestyle", "ls":
                let s = try i.toStr(v, k)
                guard let st = PlotColors.lineStyle(s) else {
                    throw i.valueError("\(try i.repr(v)) is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'")
                }
                style = st
            case "linewidth", "lw": lineWidth = try i.toDouble(v)
            case "marker":
                let s = try i.toStr(v, k)
                guard let m = PlotColors.marker(s) else { throw i.valueError("Unrecognized marker style \(try i.repr(v))") }
                marker = m
            case "markersize", "ms": markerSize = try i.toDouble(v)
            case "alpha": alpha = v.isNone ? nil : try i.toDouble(v)
            case "scalex", "scaley", "zorder", "markerfacecolor", "mfc", "markeredgecolor", "mec", "antialiased", "drawstyle", "clip_on":
                continue
            default:
                throw i.attributeError("\(function)() got an unexpected keyword argument '\(k)'")
            }
        }
    }
}

extension PlotAxes: NativeInstanceState {
    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "axes": .object(inst)
        case "figure": interp.figureObject(figure)
        case "xaxis": AxesOps.axisObject(interp, self, x: true)
        case "yaxis": AxesOps.axisObject(interp, self, x: false)
        default: nil
        }
    }
    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool { false }
}

extension PlotFigure: NativeInstanceState {
    func getAttribute(_ name: String, of inst: PyInstance, _ interp: Interpreter) throws -> Value? {
        switch name {
        case "axes": .object(PyList(axes.map { interp.axesObject($0) }))
        case "number": .int(number)
        case "dpi": .float(dpi)
        default: nil
        }
    }
    func setAttribute(_ name: String, _ value: Value, of inst: PyInstance, _ interp: Interpreter) throws -> Bool { false }
}
#endif
