#if canImport(Pictures)
import Interpreter
import Pictures
import Testing

/// Records pictures with their bytes (the shared CapturingSink keeps sizes only).
final class PictureSink: OutputSink {
    var stdout = ""
    var stderr = ""
    var pictures: [(png: [UInt8], width: Int, height: Int)] = []
    func write(_ text: String, stream: OutputChannel) {
        if stream == .stdout { stdout += text } else { stderr += text }
    }
    func display(png: [UInt8], width: Int, height: Int) { pictures.append((png, width, height)) }
}

/// Runs cells in one session; returns per cell (value repr or error line, pictures shown).
func runPlotCells(_ cells: [String]) -> [(out: String, pictures: [(png: [UInt8], width: Int, height: Int)], stdout: String)] {
    let sink = PictureSink()
    let interp = Interpreter(output: sink)
    var results: [(String, [(png: [UInt8], width: Int, height: Int)], String)] = []
    for (n, cell) in cells.enumerated() {
        sink.pictures = []
        sink.stdout = ""
        let out: String
        switch interp.execute(cell, name: "Cell In[\(n + 1)]") {
        case .ok(let v): out = v.map { (try? interp.repr($0)) ?? "<repr failed>" } ?? ""
        case .syntaxError(_, let name, let message): out = "\(name): \(message)"
        case .error(let e): out = interp.errorLine(e)
        }
        // Figures of a cell with an Out value wait until the caller has shown it.
        interp.finishCell()
        results.append((out, sink.pictures, sink.stdout))
    }
    return results
}

@Suite struct PyplotTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let cells: [String]
        /// Expected value repr / error line of the last cell.
        let out: String
        /// Picture sizes the last cell showed.
        let sizes: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "plot shows at cell end", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [4, 1, 9])\nNone"], out: "", sizes: ["640x480"]),
        Case(id: "plot returns Line2D list", cells: ["import matplotlib.pyplot as plt\nlines = plt.plot([1, 2, 3])\nlen(lines), type(lines[0]).__name__"], out: "(1, 'Line2D')", sizes: ["640x480"]),
        Case(id: "figsize", cells: ["import matplotlib.pyplot as plt\nplt.figure(figsize=(3.5, 2.5))\nplt.plot([0, 1], [1, 0], 'r--', label='a')\nplt.legend()\nplt.xlabel('x')\nplt.ylabel('y')\nplt.title('t')\nplt.grid(True)\nNone"], out: "", sizes: ["350x250"]),
        Case(id: "show flushes and closes", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\nplt.plot([3, 4])\nplt.show()"], out: "", sizes: ["640x480", "640x480"]),
        Case(id: "close discards", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.close()"], out: "", sizes: []),
        Case(id: "close all", cells: ["import matplotlib.pyplot as plt\nplt.figure()\nplt.plot([1])\nplt.figure()\nplt.plot([2])\nplt.close('all')"], out: "", sizes: []),
        Case(id: "figure per cell", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2])", "plt.plot([1, 2, 3])\nNone"], out: "", sizes: ["640x480"]),
        Case(id: "empty figure prints its repr", cells: ["import matplotlib.pyplot as plt\nf = plt.figure(figsize=(2, 1))"], out: "", sizes: []),
        Case(id: "subplots grid", cells: ["import matplotlib.pyplot as plt\nfig, axes = plt.subplots(2, 3, figsize=(6, 4))\naxes.shape, type(axes[0, 1]).__name__, len(axes), len(axes.flatten())"], out: "((2, 3), 'Axes', 2, 6)", sizes: ["600x400"]),
        Case(id: "subplots row squeezes", cells: ["import matplotlib.pyplot as plt\nfig, (a, b) = plt.subplots(1, 2)\na.plot([1, 2]); b.imshow([[0, 1], [1, 0]], cmap='gray')\na.set_title('left'); b.set_xlabel('x')\nrepr(a), repr(b)"], out: "(\"<Axes: title={'center': 'left'}>\", \"<Axes: xlabel='x'>\")", sizes: ["640x480"]),
        Case(id: "subplots single", cells: ["import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2], label='l')\nax.legend()\nfig"], out: "<Figure size 640x480 with 1 Axes>", sizes: ["640x480"]),
        Case(id: "imshow tensor", cells: ["import torch\nimport matplotlib.pyplot as plt\nX = torch.ones((6, 8))\nX[:, 2:6] = 0\nim = plt.imshow(X, cmap='gray')\ntype(im).__name__"], out: "'AxesImage'", sizes: ["640x480"]),
        Case(id: "imshow rgb", cells: ["import torch\nimport matplotlib.pyplot as plt\nplt.imshow(torch.rand(4, 5, 3))\nNone"], out: "", sizes: ["640x480"]),
        Case(id: "imshow bad shape", cells: ["import torch\nimport matplotlib.pyplot as plt\nplt.imshow(torch.zeros(1, 28, 28))"], out: "TypeError: Invalid shape (1, 28, 28) for image data", sizes: ["640x480"]),
        Case(id: "bad cmap", cells: ["import matplotlib.pyplot as plt\nplt.imshow([[1, 2]], cmap='nope')"], out: "ValueError: 'nope' is not a valid value for cmap; supported values are 'viridis', 'gray', 'Greys', 'binary', 'Reds', 'Blues', 'Greens', 'hot'", sizes: ["640x480"]),
        Case(id: "bad fmt", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2], 'q')"], out: "ValueError: Unrecognized character q in format string 'q'", sizes: ["640x480"]),
        Case(id: "shape mismatch", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 2])"], out: "ValueError: x and y must have same first dimension, but have shapes (3,) and (2,)", sizes: ["640x480"]),
        Case(id: "bad kwarg", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2], colour='r')"], out: "AttributeError: Line2D.set() got an unexpected keyword argument 'colour'", sizes: ["640x480"]),
        Case(id: "log scale and limits", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 10, 100])\nplt.yscale('log')\nplt.xlim(0, 4)\nplt.xlim()"], out: "(0.0, 4.0)", sizes: ["640x480"]),
        Case(id: "bad scale", cells: ["import matplotlib.pyplot as plt\nplt.xscale('symlog')"], out: "ValueError: 'symlog' is not a valid value for scale; supported values are 'linear', 'log' (cnb draws these two)", sizes: ["640x480"]),
        Case(id: "savefig is sandboxed", cells: ["import matplotlib.pyplot as plt\nplt.plot([1])\nplt.savefig('/tmp/x.png')"], out: "PermissionError: savefig is not available: cnb notebooks are sandboxed (no files, network, processes or environment)", sizes: ["640x480"]),
        Case(id: "from matplotlib import pyplot", cells: ["from matplotlib import pyplot as plt\nimport matplotlib\nmatplotlib.rcParams['figure.figsize'] = (2, 2)\nplt.plot([1, 2])\nNone"], out: "", sizes: ["200x200"]),
        Case(id: "multiple series fmt", cells: ["import matplotlib.pyplot as plt\nplt.plot([0, 1], [0, 1], 'b-', [0, 1], [1, 0], 'go')\nNone"], out: "", sizes: ["640x480"]),
        Case(id: "2-D tensor columns", cells: ["import torch\nimport matplotlib.pyplot as plt\nlen(plt.plot(torch.arange(6.).reshape(3, 2)))"], out: "2", sizes: ["640x480"]),
        Case(id: "axis off and ticks hidden", cells: ["import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.imshow([[0, 1], [1, 0]])\nax.axes.get_xaxis().set_visible(False)\nplt.axis('off')\nNone"], out: "", sizes: ["640x480"]),
        Case(id: "error still shows figure", cells: ["import matplotlib.pyplot as plt\nplt.plot([1, 2])\n1 / 0"], out: "ZeroDivisionError: division by zero", sizes: ["640x480"]),
    ]

    // A call that fails after creating the axes still shows them (as in Jupyter).
    @Test(arguments: cases)
    func run(_ c: Case) {
        let results = runPlotCells(c.cells)
        let last = results[results.count - 1]
        #expect(last.out == c.out)
        #expect(last.pictures.map { "\($0.width)x\($0.height)" } == c.sizes)
        for p in last.pictures {
            #expect(PNG.size(of: p.png).map { "\($0.width)x\($0.height)" } == "\(p.width)x\(p.height)")
            #expect((try? PNG.decode(p.png)) != nil)
        }
    }

    @Test func emptyFigureRepr() {
        let r = runPlotCells(["import matplotlib.pyplot as plt\nf = plt.figure(figsize=(2, 1))"])
        #expect(r[0].stdout == "<Figure size 200x100 with 0 Axes>\n")
    }

    @Test func picturesAreRememberedForTheTerminal() throws {
        let r = runPlotCells(["import matplotlib.pyplot as plt\nplt.plot([1, 3, 2], label='loss')\nplt.legend()\nNone"])
        let png = try #require(r[0].pictures.first?.png)
        let picture = try #require(PictureStore.shared.picture(forPNG: png))
        #expect(picture.figure?.axes.first?.lines.count == 1)
        let text = TerminalImage.render(png: png, width: 60, capabilities: .init(color: .ascii))
        #expect(text.contains("** loss"))
    }

    @Test func deterministicBytes() {
        let cell = "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2], 'g-.', label='a')\nplt.imshow([[0, 1], [2, 3]])\nplt.title('T')\nNone"
        let a = runPlotCells([cell])[0].pictures.map(\.png)
        let b = runPlotCells([cell])[0].pictures.map(\.png)
        #expect(a.count == 1)
        #expect(a == b)
    }
}

@Suite struct D2LPlotTests {
    @Test func d2lPlotLikeTheBook() {
        let r = runPlotCells([
            "from d2l import torch as d2l\nimport torch\nx = torch.arange(0, 3, 0.1)\nd2l.plot(x, [x ** 2, 2 * x - 3], 'x', 'f(x)', legend=['f(x)', 'Tangent line (x=1)'])",
        ])
        #expect(r[0].out == "")
        #expect(r[0].pictures.map { "\($0.width)x\($0.height)" } == ["350x250"])
        let fig = PictureStore.shared.picture(forPNG: r[0].pictures[0].png)?.figure
        #expect(fig?.axes.first?.lines.count == 2)
        #expect(fig?.axes.first?.lines.last?.style == .dashed)
        #expect(fig?.axes.first?.grid == true)
        #expect(fig?.axes.first?.legendEntries.map(\.1) == ["f(x)", "Tangent line (x=1)"])
    }

    @Test func d2lPlotListsAndLogScale() {
        let r = runPlotCells([
            "from d2l import torch as d2l\nlosses = [1.0, 0.5, 0.3, 0.2]\nd2l.plot(list(range(1, 5)), [losses], xlabel='epoch', ylabel='loss', yscale='log', xlim=[1, 4], figsize=(4, 3))",
        ])
        #expect(r[0].out == "")
        #expect(r[0].pictures.map { "\($0.width)x\($0.height)" } == ["400x300"])
        let ax = PictureStore.shared.picture(forPNG: r[0].pictures[0].png)?.figure?.axes.first
        #expect(ax?.yscale == .log)
        #expect(ax?.xlabel == "epoch")
    }

    @Test func d2lHelpers() {
        let r = runPlotCells([
            "from d2l import torch as d2l\nd2l.use_svg_display()\nd2l.set_figsize((2, 2))\nd2l.plt.plot([1, 2])\nd2l.plt.rcParams['figure.figsize']",
            "import torch\nd2l.show_heatmaps(torch.eye(4).reshape(1, 1, 4, 4), xlabel='Keys', ylabel='Queries')",
        ])
        #expect(r[0].out == "(2.0, 2.0)")
        #expect(r[0].pictures.map { "\($0.width)x\($0.height)" } == ["200x200"])
        #expect(r[1].out == "")
        #expect(r[1].pictures.map { "\($0.width)x\($0.height)" } == ["250x250"])
        let fig = PictureStore.shared.picture(forPNG: r[1].pictures[0].png)?.figure
        #expect(fig?.colorbar?.shrink == 0.6)
        #expect(fig?.axes.first?.images.first?.colormap == Colormap.named("Reds"))
    }

    @Test func showBuiltin() {
        let r = runPlotCells([
            "import torch\nshow(torch.tensor([[0.0, 1.0], [-1.0, 2.0]]))",
            "import torch\nshow(torch.zeros(2, 3, 4, 5))",
            "show(torch.zeros(5))",
            "show('x')",
        ])
        #expect(r[0].out == "")
        #expect(r[0].pictures.count == 1)
        let fig = PictureStore.shared.picture(forPNG: r[0].pictures[0].png)?.figure
        #expect(fig?.suptitle == "tensor 2x2  min -1  max 2")
        #expect(r[1].pictures.count == 1)
        #expect(PictureStore.shared.picture(forPNG: r[1].pictures[0].png)?.figure?.axes.count == 6)
        #expect(r[2].out == "ValueError: show() expects a 2-D, 3-D (C, H, W) or 4-D (N, C, H, W) tensor, got shape (5,)")
        #expect(r[3].out.hasPrefix("TypeError"))
    }
}
#endif
