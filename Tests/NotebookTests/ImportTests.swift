import Foundation
import Testing
@testable import Notebook

@Test func importsCellsTitlesTagsAndOutputs() throws {
    let png = Data(fakePNG(width: 5, height: 7)).base64EncodedString()
    let ipynb = """
    {
     "cells": [
      {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Title\\n", "\\n", "text"]},
      {"cell_type": "code", "execution_count": 3, "id": "cell-2", "metadata": {"tags": ["slow"], "collapsed": false},
       "outputs": [
        {"name": "stdout", "output_type": "stream", "text": ["a\\n", "b\\n"]},
        {"name": "stderr", "output_type": "stream", "text": "warn\\n"},
        {"data": {"text/plain": ["tensor([1.,\\n", "        2.])"]}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"},
        {"data": {"image/png": "\(png)\\n", "text/plain": ["<Figure>"]}, "metadata": {}, "output_type": "display_data"}
       ],
       "source": "x = 1\\nprint(x)\\n"},
      {"cell_type": "code", "execution_count": 4, "id": "shape-error", "metadata": {"tags": ["raises-exception"]},
       "outputs": [{"ename": "RuntimeError", "evalue": "bad size", "output_type": "error", "traceback": ["..."]}],
       "source": ["X + torch.ones(4)"]},
      {"cell_type": "raw", "id": "r", "metadata": {}, "source": "raw"},
      {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ""}
     ],
     "metadata": {"kernelspec": {"name": "python3"}},
     "nbformat": 4,
     "nbformat_minor": 5
    }
    """
    let doc = try IpynbImporter.convert(ipynb, path: "in.ipynb")
    #expect(doc.format() == """
    # %% intro [markdown]
    # # Title
    #
    # text

    # %% tags=["slow"]
    x = 1
    print(x)
    #> stdout:
    #>   a
    #>   b
    #> stderr:
    #>   warn
    #> result:
    #>   tensor([1.,
    #>           2.])
    #> display: image/png 5x7

    # %% shape-error tags=["raises-exception"]
    X + torch.ones(4)
    #> error:
    #>   RuntimeError: bad size

    # %% r [raw]
    # raw

    # %%

    """)
    #expect(doc.diagnostics.isEmpty)
    #expect(doc.cells.map(\.id) == ["intro", "cell-2", "shape-error", "r", "cell-5"])
}

@Test("import errors name file and line", arguments: [
    ("{\n \"cells\": [\n  {\"cell_type\": \"code\",}\n ]\n}", 3, "invalid JSON"),
    ("[1, 2]", 1, "not a Jupyter notebook"),
    ("{\"metadata\": {}}", 1, "no `cells` list"),
    ("{\"worksheets\": [], \"cells\": []}", 1, "nbformat 3"),
    ("{\"cells\": [], \"nbformat\": 5}", 1, "unsupported nbformat"),
    ("{\"cells\": [\n{\"cell_type\": \"markdown\", \"source\": \"\"},\n\n{\"cell_type\": \"weird\"}]}", 4, "cell 2: unknown cell_type"),
    ("{\"cells\": [\n{\"cell_type\": \"code\", \"source\": 3}]}", 2, "cell 1: `source` must be"),
])
func importErrors(_ text: String, _ line: Int, _ message: String) {
    do {
        _ = try IpynbImporter.convert(text, path: "bad.ipynb")
        Issue.record("converted")
    } catch {
        #expect(error.path == "bad.ipynb")
        #expect(error.line == line)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.description.hasPrefix("bad.ipynb:\(line): "))
    }
}

@Test func exportThenImportRoundTrips() throws {
    let (run, _) = runText(transcriptNotebook)
    let imported = try IpynbImporter.convert(IpynbWriter.render(run), path: "x.ipynb")
    let original = run.document
    #expect(imported.cells.map(\.source) == original.cells.map(\.source))
    #expect(imported.cells.map(\.id) == original.cells.map(\.id))
    #expect(imported.cells.map(\.tags) == original.cells.map(\.tags))
    // The imported expectations are exactly what the run printed.
    let checker = NotebookChecker()
    for (cell, cellRun) in zip(imported.cells, run.cells) where cell.kind == .code {
        #expect(checker.matches(expected: cell.expectation, outputs: cellRun.outputs), "\(cell.id)")
    }
}
