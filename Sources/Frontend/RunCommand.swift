import ArgumentParser
import Foundation
import Interpreter
import Notebook

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, ipynb, markdown
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a .cnb notebook and print its In/Out transcript.")

    @Argument(help: "The notebook (.cnb), or - for standard input.")
    var notebook: String

    @Option(name: .customLong("to"), help: "Export format: text, ipynb or markdown.")
    var format: ExportFormat?

    @Option(name: [.customShort("o"), .long], help: "Write the export to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Go on after a cell raises an unexpected error.")
    var allowErrors = false

    @Option(help: "Default time limit per cell, in seconds.")
    var timeout: Double?

    @Option(name: .customShort("p"), help: "Inject a parameter (name=value) after the cell tagged `parameters`.")
    var parameter: [String] = []

    @Option(help: "Memory limit for tensors, in MiB (default: half of physical memory).")
    var maxMemory: Int?

    func run() throws {
        try runCommand()
    }

    func runCommand() throws {
        let text = try readTextFile(notebook)
        let document = try parseNotebook(text, path: notebook)
        var params: [NotebookParameter] = []
        for p in parameter {
            do { params.append(try NotebookParameter.parse(p)) } catch {
                throw ValidationError(error.description)
            }
        }
        configureMemoryLimit(maxMemory)
        let options = RunOptions(allowErrors: allowErrors, defaultTimeout: timeout, parameters: params)
        // The live transcript goes to stdout unless the export itself goes there.
        let exportToStdout = format != nil && output == nil
        let live: TerminalTranscript? = exportToStdout ? nil
            : TerminalTranscript(color: wantsColor(fd: 1)) { standardOutput($0) }
        let run: NotebookRun = onBigStack {
            let executor = SessionExecutor()
            return NotebookRunner(executor: executor, options: options).run(document, sink: live)
        }
        if let format {
            let stem = stemName(output ?? notebook)
            var files: [MarkdownTranscript.File] = []
            let rendered: String
            switch format {
            case .text: rendered = TerminalTranscript.render(run)
            case .ipynb: rendered = IpynbWriter.render(run)
            case .markdown:
                let md = MarkdownTranscript.render(run, stem: stem)
                rendered = md.markdown
                files = md.files
            }
            if let output {
                let dir = URL(fileURLWithPath: output).deletingLastPathComponent().path
                for f in files { try writeFileAtomically(dir + "/" + f.path, f.bytes) }
                try writeFileAtomically(output, Array(rendered.utf8))
            } else {
                standardOutput(rendered)
            }
        }
        if let stop = run.stoppedAt ?? run.unexpectedErrors.first {
            throw ExitCode(stop.status == .syntaxError ? ExitStatus.syntaxError : ExitStatus.runtimeError)
        }
    }
}

func stemName(_ path: String) -> String {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return name == "-" || name.isEmpty ? "notebook" : name
}

func configureMemoryLimit(_ mib: Int?) {
    if let mib, mib > 0 { Interpreter.setTensorMemoryLimit(bytes: mib << 20) }
}

/// Parses a notebook, turning format problems (bad metadata JSON, bad YAML header) into an
/// error that names the file and line.
func parseNotebook(_ text: String, path: String) throws -> NotebookDocument {
    do {
        return try NotebookDocument.parse(text).validated(path: path == "-" ? "<stdin>" : path)
    } catch {
        throw CLIError(status: ExitStatus.syntaxError, message: "cnb: \(error.description)")
    }
}
