import ArgumentParser
import Foundation
import Interpreter
import Notebook

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run notebooks and compare each cell's output with its stored #> block.")

    @Argument(help: "The notebooks to check.")
    var notebooks: [String]

    @Flag(help: "Rewrite the #> blocks from the actual outputs (atomically).")
    var update = false

    @Option(help: "Default time limit per cell, in seconds.")
    var timeout: Double?

    @Option(help: "Memory limit for tensors, in MiB.")
    var maxMemory: Int?

    func run() throws {
        configureMemoryLimit(maxMemory)
        var failed = 0
        var total = 0
        for path in notebooks {
            let text = try readTextFile(path)
            let document = try parseNotebook(text, path: path)
            let checker = NotebookChecker(settings: document.settings)
            let run: NotebookRun = onBigStack {
                NotebookRunner(executor: SessionExecutor(), options: RunOptions(allowErrors: true, defaultTimeout: timeout))
                    .run(document)
            }
            if update {
                let updated = checker.update(document, with: run).format()
                if updated != text { try writeFileAtomically(path, Array(updated.utf8)) }
                standardOutput("\(path): updated\n")
                continue
            }
            let report = checker.check(run, notebookName: path)
            total += report.cells.count
            for m in report.mismatches {
                standardOutput(m.diff ?? "")
                if !(m.diff ?? "").hasSuffix("\n") { standardOutput("\n") }
            }
            for id in report.notRun { standardOutput("\(path): cell \(id) did not run\n") }
            if report.passed {
                standardOutput("\(path): \(report.cells.count) cells match\n")
            } else {
                failed += 1
                standardOutput("\(path): \(report.mismatches.count) of \(report.cells.count) cells differ\n")
            }
        }
        if !update {
            standardOutput("\(notebooks.count - failed) passed, \(failed) failed\n")
        }
        if failed > 0 { throw ExitCode(ExitStatus.checkFailed) }
    }
}

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a Jupyter notebook (.ipynb) into a .cnb cell file.")

    @Argument(help: "The .ipynb file.")
    var notebook: String

    @Option(name: [.customShort("o"), .long], help: "Write the .cnb here (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        let text = try readTextFile(notebook)
        let document: NotebookDocument
        do { document = try IpynbImporter.convert(text, path: notebook) } catch {
            throw CLIError(status: ExitStatus.ioError, message: "cnb: \(error.description)")
        }
        let rendered = document.format()
        if let output {
            try writeFileAtomically(output, Array(rendered.utf8))
        } else {
            standardOutput(rendered)
        }
    }
}
