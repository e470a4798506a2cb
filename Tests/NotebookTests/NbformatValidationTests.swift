import Foundation
import Testing
@testable import Notebook

/// Runs `python3` with nbformat (strict: warnings are errors) on `.ipynb` texts; nil when
/// python3 or nbformat is not installed.
func nbformatProblems(_ notebooks: [String]) -> String? {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnb-nbformat-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var paths: [String] = []
    for (i, text) in notebooks.enumerated() {
        let url = dir.appendingPathComponent("nb\(i).ipynb")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        paths.append(url.path)
    }
    let script = """
    import sys, json, warnings
    try:
        import nbformat
    except ImportError:
        print("SKIP"); sys.exit(0)
    warnings.simplefilter('error')
    for p in sys.argv[1:]:
        nb = nbformat.read(p, as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        ids = [c.get('id') for c in nb.cells]
        assert len(set(ids)) == len(ids), 'duplicate ids'
        with open(p, encoding='utf-8') as f:
            text = f.read()
        again = nbformat.writes(nb)
        if not again.endswith('\\n'): again += '\\n'
        assert text == again, 'not what nbformat.write gives:\\n' + again
    print("OK")
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + paths
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let out = String(decoding: data, as: UTF8.self)
    if out.hasPrefix("SKIP") { return nil }
    return process.terminationStatus == 0 ? "" : out
}

@Test func ipynbIsValidAndWhatNbformatWrites() {
    let texts = [
        transcriptNotebook,
        "# %% a\nprint 1\n\n# %% b\nraise E: x\n\n# %% c\nprint 3\n",
        "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n#   cnb:\n#     timeout: 3\n# ---\n# %% [raw] x=1.5e20 y={\"k\": [true, null, -0]}\n# raw\n\n# %% dup\nwrite a\\u{1}\\tb\\r\\nc\n\n# %% dup\nvalue ünïcode \\\\ \"q\"\n",
        "",
    ]
    let notebooks = texts.map { IpynbWriter.render(runText($0, options: RunOptions(allowErrors: true)).0) }
    guard let problems = nbformatProblems(notebooks) else { return }
    #expect(problems == "", "\(problems)")
}
