import ArgumentParser
import Foundation
import Interpreter
import Notebook
import Pictures

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

    @Flag(help: "Show pictures with the terminal's inline-image protocol (kitty or iTerm2) when it has one.")
    var inlineImages = false

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
        if isatty(1) != 0 { live?.renderPicture = terminalPictureRenderer(inlineImages: inlineImages) }
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
        if let stop = run.stoppedAt ?? (allowErrors ? nil : run.unexpectedErrors.first) {
            throw ExitCode(stop.status == .syntaxError ? ExitStatus.syntaxError : ExitStatus.runtimeError)
        }
    }
}

/// Draws pictures in the terminal: braille lines and half-block images sized to the
/// terminal, or the real PNG through kitty/iTerm2 when asked and supported.
func terminalPictureRenderer(inlineImages: Bool) -> (String, [UInt8], Int, Int) -> String? {
    let env = ProcessInfo.processInfo.environment
    let caps = TerminalCapabilities.detect(environment: env, allowInlineImages: inlineImages)
    var size = winsize()
    let columns = ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    return { mime, data, _, _ in
        guard mime == "image/png" else { return nil }
        return TerminalImage.render(png: data, width: min(columns, 100), capabilities: caps)
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
