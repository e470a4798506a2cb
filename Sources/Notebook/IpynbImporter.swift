import Foundation

/// Converts a Jupyter notebook (`.ipynb`, nbformat 4) to a `.cnb` document: markdown,
/// raw and code cells in order, titles from cell ids (left out when an id is the
/// `cell-<n>` the position would give anyway), metadata as `key=<JSON>` (volatile
/// `collapsed`, `scrolled`, `execution`, `ExecuteTime` dropped, and keys a marker line
/// cannot hold), stored outputs as `#>` blocks.
///
/// Known limit: a code line starting with `# %%` or a trailing `#>` line cannot be
/// represented without escaping, which the format has none of; it re-parses as a marker
/// or an expectation.
public enum IpynbImporter {
    static let droppedMetadata: Set<String> = ["collapsed", "scrolled", "execution", "ExecuteTime"]

    /// Converts notebook JSON text; errors name `path` and the line of the offending cell.
    public static func convert(_ text: String, path: String) throws(NotebookError) -> NotebookDocument {
        let root: JSONValue
        let cellLines: [Int]
        do {
            (root, cellLines) = try JSONParser.parse(text, elementLinesOf: "cells")
        } catch {
            throw NotebookError(path: path, line: error.line, message: "invalid JSON: \(error.message) (column \(error.column))")
        }
        guard case .object = root else {
            throw NotebookError(path: path, line: 1, message: "not a Jupyter notebook: the top level is not a JSON object")
        }
        if root["worksheets"] != nil {
            throw NotebookError(path: path, line: 1, message: "nbformat 3 notebooks are not supported; upgrade it with `jupyter nbconvert --to notebook`")
        }
        guard let cellValues = root["cells"]?.arrayValue else {
            throw NotebookError(path: path, line: 1, message: "not a Jupyter notebook: no `cells` list")
        }
        if let major = root["nbformat"]?.doubleValue, major != 4 {
            throw NotebookError(path: path, line: 1, message: "unsupported nbformat \(JSONWriter.pythonFloatRepr(major)); cnb reads nbformat 4")
        }
        var cells: [Cell] = []
        for (index, value) in cellValues.enumerated() {
            let line = index < cellLines.count ? cellLines[index] : 1
            do throws(NotebookError) {
                cells.append(try convertCell(value, position: index + 1))
            } catch {
                throw NotebookError(path: path, line: line, message: "cell \(index + 1): \(error.message)")
            }
        }
        return NotebookDocument(cells: cells)
    }

    static func convertCell(_ value: JSONValue, position: Int) throws(NotebookError) -> Cell {
        guard case .object = value else { throw NotebookError(message: "a cell must be a JSON object") }
        guard let type = value["cell_type"]?.stringValue else { throw NotebookError(message: "missing `cell_type`") }
        let kind: CellKind
        switch type {
        case "code": kind = .code
        case "markdown": kind = .markdown
        case "raw": kind = .raw
        default: throw NotebookError(message: "unknown cell_type `\(type)`")
        }
        guard let source = (value["source"] ?? .string("")).multilineText else {
            throw NotebookError(message: "`source` must be a string or a list of strings")
        }
        var title: String?
        if let id = value["id"]?.stringValue, !id.isEmpty, id != "cell-\(position)",
           id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            title = id
        }
        var metadata: [MetadataEntry] = []
        if case .object(let members) = value["metadata"] ?? .object([]) {
            for m in members where !droppedMetadata.contains(m.key) && !m.key.isEmpty && m.key.allSatisfy(CellParser.isKeyCharacter) {
                if m.key == "tags", m.value.arrayValue?.isEmpty == true { continue }
                metadata.append(MetadataEntry(key: m.key, value: m.value))
            }
        }
        var expectation: OutputExpectation?
        if kind == .code {
            var outputs: [CellOutput] = []
            for o in value["outputs"]?.arrayValue ?? [] {
                if let output = try convertOutput(o) { outputs.append(output) }
            }
            expectation = OutputExpectation(outputs: outputs)
        }
        return Cell(kind: kind, title: title, metadata: metadata, source: trimBlankEdges(source), expectation: expectation)
    }

    /// Drops a final newline and blank lines at both ends (the `.cnb` layout owns them).
    static func trimBlankEdges(_ text: String) -> String {
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    static func convertOutput(_ output: JSONValue) throws(NotebookError) -> CellOutput? {
        guard let type = output["output_type"]?.stringValue else { throw NotebookError(message: "an output has no `output_type`") }
        switch type {
        case "stream":
            return .stream(name: output["name"]?.stringValue ?? "stdout", text: output["text"]?.multilineText ?? "")
        case "execute_result":
            guard let text = output["data"]?["text/plain"]?.multilineText else { return nil }
            return .result(text: text)
        case "display_data", "update_display_data":
            guard let data = output["data"] else { return nil }
            for mime in ["image/png", "image/jpeg", "image/gif"] {
                if let encoded = data[mime]?.multilineText {
                    let bytes = [UInt8](Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) ?? Data())
                    let size = ImageSize.of(bytes, mime: mime) ?? (0, 0)
                    return .display(mime: mime, data: bytes, width: size.width, height: size.height)
                }
            }
            return nil
        case "error":
            return .error(ename: output["ename"]?.stringValue ?? "Error", evalue: output["evalue"]?.stringValue ?? "",
                          traceback: output["traceback"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        default:
            throw NotebookError(message: "unknown output_type `\(type)`")
        }
    }
}

/// Pixel sizes read from image headers.
enum ImageSize {
    /// Width and height of a PNG (from IHDR), JPEG (first SOF marker) or GIF.
    static func of(_ b: [UInt8], mime: String) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        switch mime {
        case "image/png":
            guard b.count >= 24, b[0] == 0x89, b[1] == 0x50, b[2] == 0x4E, b[3] == 0x47 else { return nil }
            return (be32(16), be32(20))
        case "image/gif":
            guard b.count >= 10, b[0] == 0x47, b[1] == 0x49, b[2] == 0x46 else { return nil }
            return (Int(b[6]) | Int(b[7]) << 8, Int(b[8]) | Int(b[9]) << 8)
        case "image/jpeg":
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { return nil }
                let marker = b[i + 1]
                let length = be16(i + 2)
                if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                    return (be16(i + 7), be16(i + 5))
                }
                i += 2 + length
            }
            return nil
        default:
            return nil
        }
    }
}
