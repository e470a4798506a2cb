import Foundation
import Testing

/// Escape attempts: notebook code cannot read or write files, open sockets, run processes
/// or read the environment. Each door is closed with a PermissionError or
/// ModuleNotFoundError that says cnb notebooks are sandboxed, or does not exist at all
/// (the interpreter has no such object to reach).
@Suite(.serialized) struct SandboxTests {
    static let sandboxed = "cnb notebooks are sandboxed"

    struct Case: CustomTestStringConvertible, Sendable {
        var id: String
        var source: String
        /// The uncaught error line the cell must end with.
        var error: String
        var testDescription: String { id }
    }

    static func module(_ name: String) -> String {
        "ModuleNotFoundError: No module named '\(name)': cnb notebooks are sandboxed (no files, network, processes or environment)"
    }

    static func permission(_ what: String) -> String {
        "PermissionError: \(what) is not available: cnb notebooks are sandboxed (no files, network, processes or environment)"
    }

    static let cases: [Case] = [
        // Files.
        Case(id: "open for reading", source: "open('/etc/passwd').read()", error: permission("open()")),
        Case(id: "open for writing", source: "open('/tmp/cnb-escape', 'w').write('x')", error: permission("open()")),
        Case(id: "print to a file", source: "print('x', file=object())", error: permission("print(file=...)")),
        Case(id: "torch.save", source: "import torch\ntorch.save(torch.ones(2), '/tmp/cnb-escape.pt')", error: permission("torch.save()")),
        Case(id: "torch.load", source: "import torch\ntorch.load('/etc/passwd')", error: permission("torch.load()")),
        Case(id: "mxnet nd.save", source: "from mxnet import nd\nnd.save('/tmp/cnb-escape', nd.ones(2))", error: permission("mxnet.nd.save()")),
        Case(id: "pyplot savefig", source: "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('/tmp/cnb-escape.png')",
             error: permission("savefig")),
        Case(id: "input", source: "input('password: ')", error: permission("input()")),
        // Modules that reach the system.
        Case(id: "import os", source: "import os\nos.system('true')", error: module("os")),
        Case(id: "from os import environ", source: "from os import environ", error: module("os")),
        Case(id: "import os.path", source: "import os.path", error: module("os.path")),
        Case(id: "import sys", source: "import sys\nsys.modules", error: module("sys")),
        Case(id: "import subprocess", source: "import subprocess", error: module("subprocess")),
        Case(id: "import socket", source: "import socket", error: module("socket")),
        Case(id: "import importlib", source: "import importlib\nimportlib.import_module('os')", error: module("importlib")),
        Case(id: "import importlib.util", source: "import importlib.util", error: module("importlib.util")),
        Case(id: "import ctypes", source: "import ctypes", error: module("ctypes")),
        Case(id: "import pickle", source: "import pickle", error: module("pickle")),
        Case(id: "import builtins", source: "import builtins", error: module("builtins")),
        Case(id: "import io", source: "import io", error: module("io")),
        Case(id: "import pathlib", source: "from pathlib import Path", error: module("pathlib")),
        Case(id: "import shutil", source: "import shutil", error: module("shutil")),
        Case(id: "import posix", source: "import posix", error: module("posix")),
        Case(id: "import _io", source: "import _io", error: module("_io")),
        Case(id: "import marshal", source: "import marshal", error: module("marshal")),
        Case(id: "import platform", source: "import platform", error: module("platform")),
        Case(id: "import urllib.request", source: "import urllib.request", error: module("urllib.request")),
        Case(id: "import threading", source: "import threading", error: module("threading")),
        Case(id: "import multiprocessing", source: "import multiprocessing", error: module("multiprocessing")),
        Case(id: "import signal", source: "import signal", error: module("signal")),
        Case(id: "import zipfile", source: "import zipfile", error: module("zipfile")),
        Case(id: "import getpass", source: "import getpass", error: module("getpass")),
        // Dynamic imports and code from strings run in the same sandbox.
        Case(id: "__import__", source: "__import__('os')", error: permission("__import__()")),
        Case(id: "__import__ via eval", source: "eval(\"__import__('socket')\")", error: permission("__import__()")),
        Case(id: "open via eval", source: "eval(\"open('/etc/hostname').read()\")", error: permission("open()")),
        Case(id: "import via exec", source: "exec('import subprocess')", error: module("subprocess")),
        Case(id: "nested exec", source: "exec(\"exec('import os')\")", error: module("os")),
        Case(id: "compile", source: "compile('import os', '<x>', 'exec')", error: permission("compile()")),
        Case(id: "breakpoint", source: "breakpoint()", error: permission("breakpoint()")),
        Case(id: "memoryview", source: "memoryview(b'abc')", error: permission("memoryview()")),
        Case(id: "getattr on a module for open", source: "import math\ngetattr(math, 'open')('/etc/passwd')",
             error: "AttributeError: module 'math' has no attribute 'open'"),
        // Introspection walks find nothing to reach through.
        Case(id: "__builtins__", source: "__builtins__.open('/etc/passwd')", error: "NameError: name '__builtins__' is not defined"),
        Case(id: "__builtins__ via globals", source: "globals()['__builtins__']", error: "KeyError: '__builtins__'"),
        Case(id: "__subclasses__ walk", source: "().__class__.__bases__[0].__subclasses__()",
             error: "AttributeError: type object 'object' has no attribute '__subclasses__'"),
        Case(id: "type.__dict__", source: "type.__dict__", error: "AttributeError: type object 'type' has no attribute '__dict__'"),
        Case(id: "function __globals__", source: "(lambda: 0).__globals__", error: "AttributeError: 'function' object has no attribute '__globals__'"),
        Case(id: "function __code__", source: "(lambda: 0).__code__", error: "AttributeError: 'function' object has no attribute '__code__'"),
        Case(id: "builtin __self__", source: "print.__self__", error: "AttributeError: 'builtin_function_or_method' object has no attribute '__self__'"),
        Case(id: "__loader__", source: "__loader__", error: "NameError: name '__loader__' is not defined"),
        Case(id: "exit", source: "exit()", error: "NameError: name 'exit' is not defined"),
    ]

    @Test(arguments: cases)
    func escapeAttemptIsRefused(_ c: Case) throws {
        let r = try runCNB(["run", "-"], stdin: "# %%\n" + c.source + "\n", timeout: 60)
        #expect(!r.signaled, "crashed: \(r.stderr)")
        #expect(r.status == 70, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains(c.error), "stdout:\n\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/cnb-escape"))
    }

    @Test func refusalsAreCatchableAndTheirMessagesSaySandboxed() throws {
        let source = """
            # %%
            tries = ["open('x')", "__import__('os')", "compile('1', 'x', 'eval')", "input()"]
            for t in tries:
                try:
                    eval(t)
                except PermissionError as e:
                    print('refused:', 'sandboxed' in str(e))
            for m in ['os', 'sys', 'subprocess', 'socket', 'ctypes', 'pickle', 'importlib']:
                try:
                    exec('import ' + m)
                except ModuleNotFoundError as e:
                    print('refused:', 'sandboxed' in str(e))

            """
        let r = try runCNB(["run", "-"], stdin: source, timeout: 60)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("refused:") }
        #expect(lines.count == 11)
        #expect(lines.allSatisfy { $0 == "refused: True" }, "\(lines)")
    }

    @Test func evalAndExecRunInTheSameSession() throws {
        let source = "# %%\nexec('y = 6 * 7')\nprint(eval('y + 0'))\n"
        let r = try runCNB(["run", "-"], stdin: source, timeout: 60)
        #expect(r.status == 0)
        #expect(r.stdout.contains("42"))
    }

    @Test func environmentIsNotReadable() throws {
        // A secret in cnb's environment never shows up, whatever the notebook prints.
        let source = """
            # %%
            print(dir())
            print(globals())
            print(vars())

            """
        let r = try runCNB(["run", "-"], stdin: source, env: ["CNB_TEST_SECRET": "hunter2-secret"], timeout: 60)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(!r.stdout.contains("hunter2-secret"))
        #expect(!r.stdout.contains("CNB_TEST_SECRET"))
    }
}
