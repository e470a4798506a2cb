import Foundation
import Testing
@testable import Interpreter

/// One cell of an acceptance transcript (`seed004_mxnet.json`).
struct MXNetSeedCell: CustomTestStringConvertible, Sendable {
    var n: Int
    var source: String
    var stdout: String
    var out: String?
    var error: String?
    var testDescription: String { "cell \(n)" }
}

func mxnetSeedCells() -> [MXNetSeedCell] {
    guard let json = try? JSONSerialization.jsonObject(with: fixtureData("acceptance/seed004_mxnet.json")) as? [[String: Any]] else {
        return []
    }
    return json.map { c in
        MXNetSeedCell(n: c["n"] as? Int ?? 0, source: c["source"] as? String ?? "", stdout: c["stdout"] as? String ?? "",
                      out: c["out"] as? String, error: c["error"] as? String)
    }
}

/// The MXNet Gluon seed notebook runs unchanged in one session and every cell shows exactly
/// what the transcript lists, the training cell's losses and learned kernel included.
@Suite struct MXNetSeedTests {
    @Test func fixtureLoads() {
        #expect(mxnetSeedCells().count == 7)
    }

    @Test func seed004CellByCell() {
        let cells = mxnetSeedCells()
        let results = runCells(cells.map(\.source))
        #expect(results.count == cells.count)
        for (c, r) in zip(cells, results) {
            #expect(r.error == c.error, "cell \(c.n) error")
            #expect(r.stdout == c.stdout, "cell \(c.n) stdout")
            #expect(r.out == c.out, "cell \(c.n) out")
        }
    }

    /// A fresh session starts from MXNet's fresh-process generator state (rng.md §3.6).
    @Test func freshSessionConvWeight() {
        let r = runCells([
            """
            from mxnet import nd
            from mxnet.gluon import nn
            conv2d = nn.Conv2D(1, kernel_size=(1, 2))
            conv2d.initialize()
            conv2d(nd.ones((1, 1, 3, 4)))
            [float(v) for v in conv2d.weight.data().reshape((2,)).asnumpy().tolist()] + [conv2d.bias.data().asscalar()]
            """,
        ])[0]
        #expect(r.error == nil)
        #expect(r.out == "[0.006833896040916443, 0.012998245656490326, 0.0]")
    }
}
