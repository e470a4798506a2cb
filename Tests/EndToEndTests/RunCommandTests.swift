import Foundation
import Testing

/// `cnb run` on whole notebooks: transcripts, exports and exit codes of the built binary.
@Suite(.serialized) struct RunCommandTests {
    func write(_ text: String, _ name: String = "nb.cnb") -> URL {
        let u = temporaryDirectory().appendingPathComponent(name)
        try? text.write(to: u, atomically: true, encoding: .utf8)
        return u
    }

    @Test func helpAndVersion() throws {
        let h = try runCNB(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE: cnb"))
        let v = try runCNB(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func transcriptHasIPythonShape() throws {
        let nb = write("""
            # %% first
            x = 2
            x * 21

            # %% second
            print('hi')
            [1, 2]
            """)
        let r = try runCNB(["run", nb.path])
        #expect(r.status == 0)
        #expect(r.stdout == """
            In [1]: x = 2
               ...: x * 21
            Out[1]: 42

            In [2]: print('hi')
               ...: [1, 2]
            hi
            Out[2]: [1, 2]

            """)
    }

    @Test func runtimeErrorStopsWithTracebackAndExit70() throws {
        let nb = write("""
            # %%
            import torch
            x = torch.ones(3)

            # %%
            y = 1
            x + torch.ones(4)

            # %%
            print('never')
            """)
        let r = try runCNB(["run", nb.path])
        #expect(r.status == 70)
        #expect(r.stdout.contains("""
            Traceback (most recent call last):
              Cell In[2], line 2
                x + torch.ones(4)
            RuntimeError: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0
            """))
        #expect(!r.stdout.contains("never"))
    }

    @Test func caretUnderTheFailingPart() throws {
        let nb = write("""
            # %%
            def f(a):
                return a + undefined_thing

            y = f(1)
            """)
        let r = try runCNB(["run", nb.path])
        #expect(r.status == 70)
        #expect(r.stdout.contains("""
              Cell In[1], line 4
                y = f(1)
                    ^^^^
              Cell In[1], line 2, in f
                return a + undefined_thing
                           ^^^^^^^^^^^^^^^
            NameError: name 'undefined_thing' is not defined
            """))
    }

    @Test func syntaxErrorExit65() throws {
        let nb = write("# %%\nx = (1,\n")
        let r = try runCNB(["run", nb.path])
        #expect(r.status == 65)
        #expect(r.stdout.contains("SyntaxError: '(' was never closed"))
    }

    @Test func missingFileExit74() throws {
        let r = try runCNB(["run", "/nonexistent/nb.cnb"])
        #expect(r.status == 74)
        #expect(r.stderr.contains("/nonexistent/nb.cnb"))
    }

    @Test func usageErrorExit64() throws {
        let r = try runCNB(["run", "--to", "pdf", "x.cnb"])
        #expect(r.status == 64)
    }

    @Test func stdinNotebook() throws {
        let r = try runCNB(["run", "-"], stdin: "# %%\nprint(1 + 1)\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("In [1]: print(1 + 1)\n2\n"))
    }

    @Test func ipynbWrittenUpToFailingCell() throws {
        let nb = write("""
            # %% ok
            1 + 1

            # %% bad
            1 / 0

            # %% after
            2
            """)
        let out = nb.deletingLastPathComponent().appendingPathComponent("out.ipynb")
        let r = try runCNB(["run", nb.path, "--to", "ipynb", "-o", out.path])
        #expect(r.status == 70)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        let cells = json?["cells"] as? [[String: Any]] ?? []
        #expect(cells.count >= 2)
        #expect(cells.first?["id"] as? String == "ok")
        let outputs = cells.dropFirst().first?["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.first?["ename"] as? String == "ZeroDivisionError")
    }

    @Test func transcriptsAreByteIdentical() throws {
        let nb = write("""
            # %%
            import torch
            def f():
                return 1
            print(f, torch.manual_seed(0))
            torch.rand(3)
            """)
        let a = try runCNB(["run", nb.path, "--to", "ipynb"])
        let b = try runCNB(["run", nb.path, "--to", "ipynb"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("tensor([0.4963, 0.7682, 0.0885])"))
    }
}
