/// The `--to markdown` transcript: markdown cells verbatim; each code cell as a fenced
/// `python` block followed by one fenced `text` block per output; pictures as links to
/// `<stem>_files/<cell-id>-<n>.<ext>` whose bytes are returned for the caller to write.
/// `remove-input` hides a cell's code block and `remove-output` its outputs. Blocks are
/// separated by one blank line.
public enum MarkdownTranscript {
    /// A file the transcript links to.
    public struct File: Equatable, Sendable {
        /// Path relative to the markdown file (`<stem>_files/<name>`).
        public var path: String
        /// The contents.
        public var bytes: [UInt8]
    }

    /// The markdown text and the picture files; `stem` is the output file name without
    /// its extension.
    public static func render(_ run: NotebookRun, stem: String) -> (markdown: String, files: [File]) {
        var blocks: [String] = []
        var files: [File] = []
        for cellRun in run.cells {
            let cell = cellRun.cell
            switch cell.kind {
            case .markdown, .raw:
                if !cell.source.isEmpty { blocks.append(cell.source + "\n") }
                continue
            case .code:
                break
            }
            if !cell.hasTag("remove-input") {
                blocks.append(fenced(cell.source, language: "python"))
            }
            if cell.hasTag("remove-output") { continue }
            var pictures = 0
            for output in cellRun.outputs {
                switch output {
                case .stream(_, let text), .result(let text):
                    blocks.append(fenced(text, language: "text"))
                case .error(let ename, let evalue, let traceback):
                    let text = traceback.isEmpty ? OutputText.errorLine(ename: ename, evalue: evalue) : traceback.joined(separator: "\n")
                    blocks.append(fenced(text, language: "text"))
                case .display(let mime, let data, _, _):
                    pictures += 1
                    let name = "\(cell.id)-\(pictures).\(fileExtension(mime))"
                    let path = "\(stem)_files/\(name)"
                    files.append(File(path: path, bytes: data))
                    blocks.append("![\(cell.id)-\(pictures)](\(path))\n")
                }
            }
        }
        return (blocks.joined(separator: "\n"), files)
    }

    static func fileExtension(_ mime: String) -> String {
        switch mime {
        case "image/png": return "png"
        case "image/jpeg": return "jpg"
        case "image/gif": return "gif"
        case "image/svg+xml": return "svg"
        default: return "bin"
        }
    }

    /// A fenced block whose fence is longer than any backtick run that opens a line inside.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let run = line.drop(while: { $0 == " " }).prefix(while: { $0 == "`" }).count
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.isEmpty ? "" : (text.hasSuffix("\n") ? text : text + "\n")
        return fence + language + "\n" + body + fence + "\n"
    }
}
