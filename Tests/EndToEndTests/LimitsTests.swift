import Foundation
import Testing

/// Each resource limit ends a runaway cell with a clear Python error and exit 70 — never a
/// crash, a hang past the limit, or an unbounded transcript.
@Suite(.serialized) struct LimitsTests {
    @Test func recursionLimitRaisesRecursionError() throws {
        let source = "# %%\ndef f(n):\n    return f(n + 1)\nf(0)\n"
        let r = try runCNB(["run", "-"], stdin: source, timeout: 120)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        #expect(r.status == 70)
        #expect(r.stdout.contains("RecursionError: maximum recursion depth exceeded"))
    }

    @Test func recursionErrorIsCatchableAndTheSessionGoesOn() throws {
        let source = """
            # %%
            def f(n):
                return f(n + 1)
            try:
                f(0)
            except RecursionError:
                print("caught")
            # %%
            print(sum(range(10)))

            """
        let r = try runCNB(["run", "-"], stdin: source, timeout: 120)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("caught"))
        #expect(r.stdout.contains("45"))
    }

    struct MemoryCase: CustomTestStringConvertible, Sendable {
        var id: String
        var command: String
        var testDescription: String { id }
    }

    /// `--max-memory 64` (MiB): a 40 MB tensor fits, a second one that would pass the limit
    /// raises PyTorch's allocation error before any memory is taken.
    @Test(arguments: [MemoryCase(id: "run", command: "run"), MemoryCase(id: "check", command: "check")])
    func maxMemoryRaisesBeforeAllocating(_ c: MemoryCase) throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("memory.cnb")
        let source = """
            # %%
            import torch
            a = torch.zeros(10_000_000)
            print("first fits")
            # %%
            b = torch.zeros(10_000_000)

            """
        try Data(source.utf8).write(to: file)
        let r = try runCNB([c.command, "--max-memory", "64", file.path], timeout: 120)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        if c.command == "run" {
            #expect(r.status == 70)
            #expect(r.stdout.contains("first fits"))
        } else {
            #expect(r.status == 1)
        }
        #expect(r.stdout.contains(
            "RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: "
                + "you tried to allocate 40000000 bytes. Error code 12 (Cannot allocate memory)"), "\(r.stdout)")
    }

    @Test func freedTensorsGiveTheirMemoryBack() throws {
        // 40 MB each, 64 MiB allowed: only works if each dropped tensor is released.
        let source = "# %%\nimport torch\nfor i in range(20):\n    t = torch.ones(10_000_000)\n    del t\nprint('ok')\n"
        let r = try runCNB(["run", "--max-memory", "64", "-"], stdin: source, timeout: 120)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("ok"))
    }

    struct TimeoutCase: CustomTestStringConvertible, Sendable {
        var id: String
        var arguments: [String]
        var status: Int32
        var testDescription: String { id }
    }

    @Test(arguments: [
        TimeoutCase(id: "run", arguments: ["run", "--timeout", "1"], status: 70),
        TimeoutCase(id: "check", arguments: ["check", "--timeout", "1"], status: 1),
    ])
    func timeoutInterruptsAnEndlessCell(_ c: TimeoutCase) throws {
        let dir = temporaryDirectory()
        let file = dir.appendingPathComponent("forever.cnb")
        try Data("# %%\nprint('before')\n# %%\nwhile True:\n    pass\n".utf8).write(to: file)
        let start = Date()
        let r = try runCNB(c.arguments + [file.path], timeout: 60)
        let elapsed = Date().timeIntervalSince(start)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        #expect(r.status == c.status, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("TimeoutError: cell execution timed out after 1.0 seconds"), "\(r.stdout)")
        #expect(elapsed < 30, "took \(elapsed) s")
    }

    @Test func timeoutInterruptsLongBuiltinLoopsToo() throws {
        // Loops inside builtins (sum over a huge range, a tensor loop) poll the interrupt too.
        let source = "# %%\nsum(i * i for i in range(10**12))\n"
        let r = try runCNB(["run", "--timeout", "1", "-"], stdin: source, timeout: 60)
        #expect(!r.signaled)
        #expect(r.status == 70)
        #expect(r.stdout.contains("TimeoutError: cell execution timed out after 1.0 seconds"), "\(r.stdout)")
    }

    @Test func aCellWithinItsTimeLimitIsNotInterrupted() throws {
        let source = "# %%\nx = sum(range(1000))\n# %%\nprint(x)\n"
        let r = try runCNB(["run", "--timeout", "30", "-"], stdin: source, timeout: 60)
        #expect(r.status == 0)
        #expect(r.stdout.contains("499500"))
    }

    @Test func runawayPrintLoopIsCutWithANote() throws {
        // 12,000 lines of 1,000 characters: 12 MB, past the 10 MB per-cell output cap.
        let source = "# %%\nfor i in range(12_000):\n    print('x' * 999)\nprint('after' + ' the loop')\n# %%\nprint('next' + ' cell')\n"
        let r = try runCNB(["run", "-"], stdin: source, timeout: 300)
        #expect(!r.signaled)
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        #expect(r.stdout.utf8.count < 11_000_000, "transcript of \(r.stdout.utf8.count) bytes")
        #expect((r.stdout + r.stderr).contains("[output cut: more than 10000000 bytes in one cell]"))
        // (The transcript echoes the source, so look for the printed lines.)
        #expect(!r.stdout.contains("\nafter the loop\n"))
        #expect(r.stdout.contains("\nnext cell\n"), "the cap is per cell")
    }

    @Test func integerOverflowIsAnOverflowError() throws {
        let r = try runCNB(["run", "-"], stdin: "# %%\nx = 2 ** 62\nx * 4\n", timeout: 60)
        #expect(r.status == 70)
        #expect(r.stdout.contains("OverflowError"), "\(r.stdout)")
    }
}
