import Foundation

/// Writes a run as an nbformat 4.5 notebook, byte for byte as `nbformat.write` would
/// (sorted keys, 1-space indent, non-ASCII kept, multi-line strings as lists of lines,
/// trailing newline). No timestamps; the same run always gives the same bytes.
public enum IpynbWriter {
    /// The notebook-level `metadata` cnb writes.
    static let kernelspec: JSONValue = .object([
        JSONMember("display_name", .string("cnb")),
        JSONMember("language", .string("python")),
        JSONMember("name", .string("cnb")),
    ])
    static let languageInfo: JSONValue = .object([
        JSONMember("codemirror_mode", .object([JSONMember("name", .string("ipython")), JSONMember("version", .int(3))])),
        JSONMember("file_extension", .string(".py")),
        JSONMember("mimetype", .string("text/x-python")),
        JSONMember("name", .string("python")),
        JSONMember("nbconvert_exporter", .string("python")),
        JSONMember("pygments_lexer", .string("python")),
    ])

    /// The notebook text for `run` (every cell in it, up to the one that stopped the run).
    public static func render(_ run: NotebookRun) -> String {
        JSONWriter.pretty(notebook(run)) + "\n"
    }

    /// The notebook as a JSON value.
    public static func notebook(_ run: NotebookRun) -> JSONValue {
        var metadata = (run.document.header?.notebookMetadata ?? []).filter {
            $0.key != "kernelspec" && $0.key != "language_info"
        }
        metadata.append(JSONMember("kernelspec", kernelspec))
        metadata.append(JSONMember("language_info", languageInfo))
        return .object([
            JSONMember("cells", .array(run.cells.map(cell))),
            JSONMember("metadata", .object(metadata)),
            JSONMember("nbformat", .int(4)),
            JSONMember("nbformat_minor", .int(5)),
        ])
    }

    /// nbformat's multi-line string: the lines of `text`, each keeping its terminator.
    static func lines(_ text: String) -> JSONValue {
        .array(OutputText.pythonSplitLinesKeepingEnds(text).map(JSONValue.string))
    }

    static func cell(_ run: CellRun) -> JSONValue {
        let cell = run.cell
        let metadata = JSONValue.object(cell.metadata.map { JSONMember($0.key, $0.value) })
        switch cell.kind {
        case .markdown, .raw:
            return .object([
                JSONMember("cell_type", .string(cell.kind == .markdown ? "markdown" : "raw")),
                JSONMember("id", .string(cell.id)),
                JSONMember("metadata", metadata),
                JSONMember("source", lines(cell.source)),
            ])
        case .code:
            return .object([
                JSONMember("cell_type", .string("code")),
                JSONMember("execution_count", run.executionCount.map(JSONValue.int) ?? .null),
                JSONMember("id", .string(cell.id)),
                JSONMember("metadata", metadata),
                JSONMember("outputs", .array(run.outputs.map { output($0, executionCount: run.executionCount) })),
                JSONMember("source", lines(cell.source)),
            ])
        }
    }

    static func output(_ output: CellOutput, executionCount: Int?) -> JSONValue {
        switch output {
        case .stream(let name, let text):
            return .object([
                JSONMember("name", .string(name)),
                JSONMember("output_type", .string("stream")),
                JSONMember("text", lines(text)),
            ])
        case .result(let text):
            return .object([
                JSONMember("data", .object([JSONMember("text/plain", lines(text))])),
                JSONMember("execution_count", executionCount.map(JSONValue.int) ?? .null),
                JSONMember("metadata", .object([])),
                JSONMember("output_type", .string("execute_result")),
            ])
        case .display(let mime, let data, let width, let height):
            let encoded: JSONValue = mime.hasPrefix("text/") || mime == "image/svg+xml"
                ? lines(String(decoding: data, as: UTF8.self))
                : .string(Data(data).base64EncodedString())
            return .object([
                JSONMember("data", .object([
                    JSONMember(mime, encoded),
                    JSONMember("text/plain", lines("<\(mime) \(width)x\(height)>")),
                ])),
                JSONMember("metadata", .object([])),
                JSONMember("output_type", .string("display_data")),
            ])
        case .error(let ename, let evalue, let traceback):
            return .object([
                JSONMember("ename", .string(ename)),
                JSONMember("evalue", .string(evalue)),
                JSONMember("output_type", .string("error")),
                JSONMember("traceback", .array(traceback.map(JSONValue.string))),
            ])
        }
    }
}
