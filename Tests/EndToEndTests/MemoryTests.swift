import Foundation
import Testing

/// Long sessions do not leak: autograd graphs, closures, classes and module trees made in
/// one step or cell are freed when they go out of scope, so RSS stays flat over 10,000
/// training steps and 1,000 cells. RSS is sampled from outside (/proc/<pid>/status), as a
/// notebook cannot read files.
@Suite(.serialized) struct MemoryTests {
    /// Runs cnb and samples its resident set size (KiB) every 20 ms until it ends.
    func runSamplingRSS(_ args: [String], timeout: Double) throws -> (status: Int32, stdout: String, samples: [Int]) {
        guard let bin = cnbBinary() else { throw CocoaError(.fileNoSuchFile) }
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            box.data = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        try p.run()
        var samples: [Int] = []
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline {
            if let status = try? String(contentsOfFile: "/proc/\(p.processIdentifier)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
               let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                samples.append(kib)
            }
            usleep(20_000)
        }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        group.wait()
        return (p.terminationStatus, String(decoding: box.data, as: UTF8.self), samples)
    }

    /// Growth in MiB between the early plateau (after warm-up) and the end of the run.
    func growthMiB(_ samples: [Int]) -> Double {
        let n = samples.count
        let early = samples[(n / 5)..<(n * 2 / 5)].max() ?? 0
        let late = samples[(n * 4 / 5)...].max() ?? 0
        return Double(late - early) / 1024
    }

    @Test func tenThousandTrainingStepsKeepRSSFlat() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("train.cnb")
        let source = """
            # %%
            import torch
            from torch import nn
            X = torch.ones((6, 8))
            X[:, 2:6] = 0
            Y = torch.zeros((6, 7))
            Y[:, 1] = 1
            Y[:, 5] = -1
            conv2d = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
            X = X.reshape((1, 1, 6, 8))
            Y = Y.reshape((1, 1, 6, 7))
            lr = 3e-2
            for i in range(10_000):
                Y_hat = conv2d(X)
                l = (Y_hat - Y) ** 2
                conv2d.zero_grad()
                l.sum().backward()
                conv2d.weight.data[:] -= lr * conv2d.weight.grad
            print('loss', float(l.sum()) < 1e-3)

            """
        try Data(source.utf8).write(to: file)
        let r = try runSamplingRSS(["run", file.path], timeout: 900)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("loss True"))
        try #require(r.samples.count >= 20, "too few samples: \(r.samples.count)")
        let growth = growthMiB(r.samples)
        #expect(growth < 4, "RSS grew by \(growth) MiB over the last 60% of the run: \(r.samples.max() ?? 0) KiB peak")
    }

    @Test func thousandCellsKeepRSSFlat() throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("cells.cnb")
        var source = "# %%\nimport torch\nfrom torch import nn\n"
        for i in 0..<1000 {
            // Each cell makes (and then drops) closures, a class and a linked instance, a
            // module tree, an autograd graph and some printed output.
            source += """
                # %%
                def make_counter(start=\(i)):
                    count = [start]
                    def bump():
                        count[0] += 1
                        return count[0]
                    return bump
                class Node:
                    def __init__(self, parent=None):
                        self.parent = parent
                        self.data = list(range(100))
                node = Node(Node())
                counter = make_counter()
                net = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 6 * 6, 1))
                x = torch.randn(1, 1, 8, 8, requires_grad=True)
                y = net(x).sum()
                y.backward()
                print(\(i), counter(), len(node.data), x.grad.shape)

                """
        }
        try Data(source.utf8).write(to: file)
        let r = try runSamplingRSS(["run", file.path], timeout: 900)
        #expect(r.status == 0, "\(r.stdout.suffix(2000))")
        #expect(r.stdout.contains("999 1000 100 torch.Size([1, 1, 8, 8])"))
        try #require(r.samples.count >= 20, "too few samples: \(r.samples.count)")
        let growth = growthMiB(r.samples)
        #expect(growth < 8, "RSS grew by \(growth) MiB over the last 60% of the run: \(r.samples.max() ?? 0) KiB peak")
    }

    /// Each notebook's session is freed when it ends: checking 12 notebooks that each keep a
    /// 40 MB tensor fits in a 100 MiB tensor budget only if no session outlives its notebook
    /// (the executor and interpreter once held each other and leaked every session).
    @Test func checkFreesEachNotebookSession() throws {
        let dir = temporaryDirectory()
        var paths: [String] = []
        for i in 0..<12 {
            let file = dir.appendingPathComponent("nb\(i).cnb")
            try Data("# %%\nimport torch\nbig = torch.ones(10_000_000)\nprint(int(big.sum()))\n#> stdout:\n#>   10000000\n".utf8)
                .write(to: file)
            paths.append(file.path)
        }
        let r = try runCNB(["check", "--max-memory", "100"] + paths, timeout: 300)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("12 passed, 0 failed"), "\(r.stdout)")
    }

    /// The same with a recursive function and a class that holds the tensor in each notebook:
    /// compiled bodies capture the interpreter `unowned`; the interpreter clears its global
    /// boxes (box -> function -> body -> box) and its classes' namespaces (class -> method ->
    /// code -> class, for `super()`) when it goes, so each session and the 40 MB tensor are
    /// freed when the notebook ends.
    @Test func checkFreesSessionsThatDefineFunctions() throws {
        let dir = temporaryDirectory()
        var paths: [String] = []
        for i in 0..<6 {
            let file = dir.appendingPathComponent("nb\(i).cnb")
            try Data("""
                # %%
                import torch
                big = torch.ones(10_000_000)
                def f(n):
                    return f(n - 1) if n else big
                class C:
                    def me(self):
                        return self, C
                C.keep = big
                print(int(f(3).sum()), C().me()[1] is C)
                #> stdout:
                #>   10000000 True

                """.utf8)
                .write(to: file)
            paths.append(file.path)
        }
        let r = try runCNB(["check", "--max-memory", "100"] + paths, timeout: 300)
        #expect(r.stdout.contains("6 passed, 0 failed"), "\(r.stdout)")
    }
}
