import Foundation
import Testing

/// The seed notebooks, unchanged, through the built binary, against what the real
/// frameworks printed (Tests/Fixtures/acceptance). Cells that train from a random start
/// are compared by the shape of their lines and a falling loss; with
/// `torch.manual_seed(0)` prepended, every number must equal PyTorch's.
@Suite(.serialized) struct AcceptanceTests {
    static let seeds = ["seed000_torch_basics", "seed001_d2l_blog", "seed002_global_k", "seed003_int_inputs", "seed004_mxnet"]
    static let randomCells: [String: Set<Int>] = [
        "seed000_torch_basics": [4], "seed001_d2l_blog": [6, 7], "seed002_global_k": [8], "seed003_int_inputs": [8, 9],
    ]

    struct Cell {
        var stdout: String
        var out: String?
        var error: String?
    }

    /// Runs a notebook and reads the code cells' outputs back from the .ipynb export.
    func outputs(_ notebook: URL) throws -> [Cell] {
        let out = temporaryDirectory().appendingPathComponent("out.ipynb")
        let r = try runCNB(["run", notebook.path, "--to", "ipynb", "-o", out.path], timeout: 120)
        #expect(!r.signaled)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let cells = (json?["cells"] as? [[String: Any]] ?? []).filter { $0["cell_type"] as? String == "code" }
        func text(_ v: Any?) -> String {
            if let s = v as? String { return s }
            return (v as? [String] ?? []).joined()
        }
        return cells.map { c in
            let outs = c["outputs"] as? [[String: Any]] ?? []
            let stdout = outs.filter { $0["output_type"] as? String == "stream" && $0["name"] as? String == "stdout" }
                .map { text($0["text"]) }.joined()
            let result = outs.first { $0["output_type"] as? String == "execute_result" }
                .map { text(($0["data"] as? [String: Any])?["text/plain"]) }
            let error = outs.first { $0["output_type"] as? String == "error" }
                .map { "\($0["ename"] ?? ""): \($0["evalue"] ?? "")" }
            return Cell(stdout: stdout, out: result, error: error)
        }
    }

    func expected(_ path: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: fixture(path))) as? [[String: Any]] ?? []
    }

    /// Lines with every number replaced, so random runs can be compared by shape.
    func shape(_ s: String) -> [String] {
        s.split(separator: "\n").map { String($0.replacing(/-?\d+\.\d+(e[-+]?\d+)?/, with: "N")) }
    }

    func losses(_ s: String) -> [Double] {
        s.split(separator: "\n").filter { $0.contains("loss") }.compactMap { line in
            line.split(separator: " ").last.flatMap { Double($0) }
        }
    }

    @Test(arguments: seeds)
    func seedPrintsWhatTheFrameworkPrinted(_ name: String) throws {
        let got = try outputs(fixture("acceptance/\(name).cnb"))
        let want = try expected("acceptance/\(name).json")
        #expect(got.count == want.count)
        for (k, w) in want.enumerated() where k < got.count {
            let n = k + 1
            let g = got[k]
            #expect(g.error == nil, "\(name) In[\(n)] raised \(g.error ?? "")")
            let wantStdout = w["stdout"] as? String ?? ""
            let wantOut = w["out"] as? String
            if Self.randomCells[name]?.contains(n) == true {
                #expect(shape(g.stdout) == shape(wantStdout), "\(name) In[\(n)]")
                #expect(shape(g.out ?? "") == shape(wantOut ?? ""), "\(name) In[\(n)]")
                let l = losses(g.stdout)
                #expect(l.count < 2 || l.last! < l.first!, "\(name) In[\(n)]: loss does not fall: \(l)")
            } else {
                #expect(g.stdout == wantStdout, "\(name) In[\(n)]")
                #expect(g.out == wantOut, "\(name) In[\(n)]")
            }
        }
    }

    @Test(arguments: seeds.filter { $0 != "seed004_mxnet" })
    func seededRunEqualsPyTorchExactly(_ name: String) throws {
        let text = try String(contentsOf: fixture("acceptance/\(name).cnb"), encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if let i = lines.firstIndex(where: { $0.hasPrefix("# %%") && !$0.contains("[markdown]") }) {
            lines.insert("import torch; torch.manual_seed(0)", at: i + 1)
        }
        let file = temporaryDirectory().appendingPathComponent("\(name).cnb")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let got = try outputs(file)
        let want = try expected("acceptance/seeded/\(name).json")
        #expect(got.count == want.count)
        for (k, w) in want.enumerated() where k < got.count {
            #expect(got[k].stdout == (w["stdout"] as? String ?? ""), "\(name) In[\(k + 1)]")
            #expect(got[k].out == (w["out"] as? String), "\(name) In[\(k + 1)]")
        }
    }

    @Test func terminalTranscriptOfASeed() throws {
        let r = try runCNB(["run", fixture("acceptance/seed004_mxnet.cnb").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("""
            Out[3]: 

            [[ 19.  25.]
             [ 37.  43.]]
            <NDArray 2x2 @cpu(0)>
            """))
        #expect(r.stdout.contains("batch 10, loss 0.004\nOut[7]: \n\n[[ 0.98949999 -0.98737049]]\n<NDArray 1x2 @cpu(0)>"))
    }
}
